import { defineConfig } from 'vite';

// Built by Maven (console/pom.xml) into the jar that inventory serves at /console/.
export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'target/classes/META-INF/resources/console',
    emptyOutDir: true,
    sourcemap: false,
  },
});
