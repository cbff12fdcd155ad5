import adapter from "@sveltejs/adapter-node";

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter(),
    csrf: {
      checkOrigin: false, // expect: js-csrf-disabled
    },
  },
};
