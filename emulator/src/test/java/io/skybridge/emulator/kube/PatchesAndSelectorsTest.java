package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure functions: RFC 7386 examples, JSON patch, strategic merge, selectors, the join line. */
class PatchesAndSelectorsTest {
    static JsonNode j(String s) {
        return Json.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mergePatchFollowsTheRfc7386Examples() {
        String[][] cases = {
            {"{'a':'b'}", "{'a':'c'}", "{'a':'c'}"},
            {"{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"},
            {"{'a':'b'}", "{'a':null}", "{}"},
            {"{'a':['b']}", "{'a':'c'}", "{'a':'c'}"},
            {"{'a':'c'}", "{'a':['b']}", "{'a':['b']}"},
            {"{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"},
            {"{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"},
            {"{'e':null}", "{'a':1}", "{'e':null,'a':1}"},
            {"{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"},
        };
        for (String[] c : cases) {
            assertEquals(j(c[2]), Patches.mergePatch(j(c[0]), j(c[1])), c[0] + " + " + c[1]);
        }
    }

    @Test
    void strategicMergeKeysServicePortsByPortAndContainerPortsByContainerPort() {
        JsonNode svc = j("{'spec':{'ports':[{'name':'http','port':8081,'targetPort':'http'}]}}");
        assertEquals(svc, Patches.strategicMergePatch(svc, svc), "re-applying a Service must not duplicate its ports");
        assertEquals(j("{'spec':{'ports':[{'name':'http','port':8081,'targetPort':'web'},{'name':'m','port':9000}]}}"),
            Patches.strategicMergePatch(svc, j("{'spec':{'ports':[{'port':8081,'targetPort':'web'},{'name':'m','port':9000}]}}")));
        JsonNode c = j("{'ports':[{'containerPort':8080,'name':'http'}]}");
        assertEquals(j("{'ports':[{'containerPort':8080,'name':'web'}]}"), Patches.strategicMergePatch(c, j("{'ports':[{'containerPort':8080,'name':'web'}]}")));
    }

    @Test
    void jsonPatchAppliesOperationsAndRejectsBadOnes() {
        JsonNode doc = j("{'spec':{'taints':[{'key':'a'},{'key':'b'}]},'metadata':{'labels':{}}}");
        JsonNode out = Patches.jsonPatch(doc, j("[{'op':'remove','path':'/spec/taints/0'},{'op':'add','path':'/metadata/labels/x~1y','value':'1'},"
            + "{'op':'test','path':'/spec/taints/0/key','value':'b'},{'op':'copy','from':'/spec/taints/0','path':'/spec/taints/-'}]"));
        assertEquals(j("{'spec':{'taints':[{'key':'b'},{'key':'b'}]},'metadata':{'labels':{'x/y':'1'}}}"), out);
        assertThrows(Patches.PatchException.class, () -> Patches.jsonPatch(doc, j("[{'op':'test','path':'/spec/taints/0/key','value':'z'}]")));
        assertThrows(Patches.PatchException.class, () -> Patches.jsonPatch(doc, j("[{'op':'replace','path':'/nope/x','value':1}]")));
        assertThrows(Patches.PatchException.class, () -> Patches.jsonPatch(doc, j("{'op':'add'}")));
    }

    @Test
    void strategicMergeMergesContainersByNameAndHonoursDirectives() {
        JsonNode pod = j("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}],'tolerations':[{'key':'t'}]}}");
        JsonNode out = Patches.strategicMergePatch(pod, j("{'spec':{'containers':[{'name':'b','image':'z'},{'name':'c','image':'w'}],"
            + "'tolerations':[{'key':'u'}],'unschedulable':true}}"));
        assertEquals(j("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'z'},{'name':'c','image':'w'}],"
            + "'tolerations':[{'key':'u'}],'unschedulable':true}}"), out);
        JsonNode deleted = Patches.strategicMergePatch(pod, j("{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}"));
        assertEquals(1, deleted.path("spec").path("containers").size());
        assertEquals("b", deleted.path("spec").path("containers").get(0).path("name").asText());
    }

    @Test
    void labelSelectorsSupportEqualityAndSetBasedRequirements() {
        JsonNode l = j("{'app':'web','tier':'edge','env':'prod'}");
        assertTrue(Selectors.parseLabels("app=web,tier in (edge, core),!legacy,env").test(l));
        assertTrue(Selectors.parseLabels("env notin (dev,test),app==web,tier!=core").test(l));
        assertFalse(Selectors.parseLabels("tier notin (edge)").test(l));
        assertFalse(Selectors.parseLabels("legacy").test(l));
        assertFalse(Selectors.parseLabels("!app").test(l));
        assertThrows(KubeException.class, () -> Selectors.parseLabels("app in web"));
        assertTrue(Selectors.fromLabelSelector(j("{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'env','operator':'In','values':['prod']}]}")).test(l));
        assertFalse(Selectors.fromLabelSelector(null).test(l));
    }

    @Test
    void fieldSelectorsReadDottedPathsWithUnschedulableDefaultingToFalse() {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) j("{'metadata':{'name':'n1'},'spec':{}}");
        assertTrue(Selectors.parseFields("spec.unschedulable=false,metadata.name=n1").test(node));
        assertFalse(Selectors.parseFields("spec.unschedulable==true").test(node));
        assertTrue(Selectors.parseFields("metadata.name!=n2").test(node));
        var pod = (com.fasterxml.jackson.databind.node.ObjectNode) j("{'spec':{'nodeName':'n1'}}");
        assertTrue(Selectors.parseFields("spec.nodeName=n1").test(pod));
        assertTrue(Selectors.parseFields("spec.nodeName!=").test(pod));
    }

    @Test
    void joinConfigurationIsFoundInUserDataAndStartupScripts() {
        String json = "{\"apiServer\":\"http://k:6443\",\"token\":\"t\",\"pool\":\"p\",\"labels\":{\"a\":\"b\"},\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}";
        String b64 = JoinConfig.line(json).substring("SKYBRIDGE_JOIN=".length());
        JoinConfig c = JoinConfig.find("#!/bin/bash\necho hi\nexport SKYBRIDGE_JOIN='" + b64 + "'\n/opt/join.sh\n");
        assertEquals("http://k:6443", c.apiServer());
        assertEquals("p", c.pool());
        assertEquals("b", c.labels().get("a"));
        assertEquals("NoSchedule", c.taints().get(0).get("effect"));
        assertEquals("t", JoinConfig.find(json).token());
        assertEquals("p", JoinConfig.find("#cloud-boothook\n" + JoinConfig.line(json) + "\n").pool());
        assertNull(JoinConfig.find("#!/bin/bash\necho no join here\n"));
        assertNull(JoinConfig.find(null));
    }
}
