// The embeddable lab, built beside the app into dist/ (`npm run build` runs both builds): the
// frame page (embed.html) and <lvs-lab> (lvs-lab.js, a fixed name documentation pages load; it
// finds embed.html beside itself). A build of its own, so the app's first screen keeps its
// chunks as they are instead of sharing them with a second page.
import { defineConfig, mergeConfig } from 'vite';
import app from './vite.config.ts';

export default mergeConfig(app, defineConfig({
  build: {
    emptyOutDir: false,
    rollupOptions: {
      input: { embed: 'embed.html', 'lvs-lab': 'src/embed/element.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'lvs-lab' ? 'lvs-lab.js' : 'assets/[name]-[hash].js') },
    },
  },
}));
