package io.skybridge.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw HTTP: unknown actions/paths and malformed input answer in the provider's own format, never a stack trace. */
class ProtocolErrorsTest {
    static Emulator emu;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static TestClients.Reply ec2(String form) {
        return TestClients.http("POST", emu.awsEndpoint() + "/", "application/x-www-form-urlencoded", form);
    }

    static TestClients.Reply gce(String method, String path, String json) {
        return TestClients.http(method, emu.gcpEndpoint() + path, json == null ? null : "application/json", json);
    }

    @Test
    void shouldAnswerInvalidActionForAnUnknownEc2Action() {
        TestClients.Reply r = ec2("Action=LaunchRocket&Version=2016-11-15");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("<Response><Errors><Error><Code>InvalidAction</Code>"), r.body());
        assertTrue(r.body().contains("<RequestID>"), r.body());
    }

    @Test
    void shouldAnswerMissingParameterAndMalformedInputIn400Xml() {
        TestClients.Reply missing = ec2("Action=RunInstances&Version=2016-11-15&MinCount=1&MaxCount=1");
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("<Code>MissingParameter</Code>"), missing.body());
        TestClients.Reply notNumber = ec2("Action=RunInstances&Version=2016-11-15&ImageId=ami-12345678&MinCount=one&MaxCount=1");
        assertEquals(400, notNumber.status());
        assertTrue(notNumber.body().contains("<Code>InvalidParameterValue</Code>"), notNumber.body());
        TestClients.Reply badEncoding = ec2("Action=DescribeInstances&Filter.1.Name=%zz");
        assertEquals(400, badEncoding.status());
        assertTrue(badEncoding.body().contains("<Code>MalformedQueryString</Code>"), badEncoding.body());
        TestClients.Reply noAction = ec2("Version=2016-11-15");
        assertEquals(400, noAction.status());
        assertTrue(noAction.body().contains("<Code>MissingAction</Code>"), noAction.body());
        TestClients.Reply badToken = ec2("Action=DescribeInstances&MaxResults=5&NextToken=garbage");
        assertEquals(400, badToken.status());
        assertFalse(badToken.body().contains("Exception"), badToken.body());
    }

    @Test
    void shouldAnswerNotFoundJsonForUnknownGcePaths() {
        TestClients.Reply r = gce("GET", "/compute/v1/projects/skybridge-demo/zones/us-central1-a/teleporters", null);
        assertEquals(404, r.status());
        assertTrue(r.body().startsWith("{\"error\":{\"code\":404"), r.body());
        assertTrue(r.body().contains("\"reason\":\"notFound\""), r.body());
        TestClients.Reply outside = gce("GET", "/storage/v1/b", null);
        assertEquals(404, outside.status());
        assertTrue(outside.body().contains("\"errors\""), outside.body());
    }

    @Test
    void shouldAnswerParseErrorForMalformedJson() {
        TestClients.Reply r = gce("POST", "/compute/v1/projects/skybridge-demo/zones/us-central1-a/instances", "{not json");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"reason\":\"parseError\""), r.body());
        TestClients.Reply noName = gce("POST", "/compute/v1/projects/skybridge-demo/global/firewalls", "{}");
        assertEquals(400, noName.status());
        assertTrue(noName.body().contains("\"reason\":\"required\""), noName.body());
        TestClients.Reply badRequestId = gce("POST", "/compute/v1/projects/skybridge-demo/global/firewalls?requestId=abc", "{\"name\":\"x\"}");
        assertEquals(400, badRequestId.status());
        assertTrue(badRequestId.body().contains("requestId"), badRequestId.body());
    }

    @Test
    void shouldAnswerBatchRequestsPartByPartLikeTheGoogleBatchEndpoint() {
        String body = String.join("\r\n",
            "--XYZ", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "Content-ID: <abc+0>", "",
            "GET /compute/v1/projects/skybridge-demo/global/networks/skybridge-vpc?alt=json HTTP/1.1", "Accept: application/json", "", "",
            "--XYZ", "Content-Type: application/http", "Content-ID: <abc+1>", "",
            "GET /compute/v1/projects/skybridge-demo/global/networks/nope HTTP/1.1", "", "",
            "--XYZ--", "");
        TestClients.Reply r = TestClients.http("POST", emu.gcpEndpoint() + "/batch/compute/v1", "multipart/mixed; boundary=\"XYZ\"", body);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("Content-ID: <response-abc+0>"), r.body());
        assertTrue(r.body().contains("HTTP/1.1 200 OK"), r.body());
        assertTrue(r.body().contains("\"name\":\"skybridge-vpc\""), r.body());
        assertTrue(r.body().contains("Content-ID: <response-abc+1>"), r.body());
        assertTrue(r.body().contains("HTTP/1.1 404 Not Found"), r.body());
        assertEquals(400, TestClients.http("POST", emu.gcpEndpoint() + "/batch/compute/v1", "application/json", "{}").status());
    }

    @Test
    void shouldServeZonesRegionsAndTheMachineTypeCatalogue() {
        TestClients.Reply mt = gce("GET", "/compute/v1/projects/skybridge-demo/zones/us-central1-a/machineTypes/n2-standard-4", null);
        assertEquals(200, mt.status());
        assertTrue(mt.body().contains("\"guestCpus\":4") && mt.body().contains("\"memoryMb\":16384"), mt.body());
        TestClients.Reply zones = gce("GET", "/compute/v1/projects/skybridge-demo/zones", null);
        assertTrue(zones.body().contains("\"name\":\"us-central1-f\""), zones.body());
        TestClients.Reply region = gce("GET", "/compute/v1/projects/skybridge-demo/regions/us-central1", null);
        assertTrue(region.body().contains("\"status\":\"UP\""), region.body());
    }
}
