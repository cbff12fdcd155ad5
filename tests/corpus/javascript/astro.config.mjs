import { defineConfig } from "astro/config";

export default defineConfig({
  output: "server",
  security: { checkOrigin: true }, // ok: js-csrf-disabled
  image: { service: { entrypoint: "astro/assets/services/sharp", config: { checkOrigin: false } } }, // ok: js-csrf-disabled
});
