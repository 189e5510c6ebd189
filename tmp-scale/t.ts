import { startServer, runCli } from '../test/helpers/server.js';
import { fixturePath } from '../test/helpers/fixtures.js';
import { removeDir, tempDir } from '../test/helpers/server.js';
const dir = tempDir();
await runCli(['import', fixturePath('arxiv-corpus-sample.jsonl')], { DATA_DIR: dir });
const s = await startServer({ dataDir: dir, args: ['--no-demo', '--no-worker'] });
for (const p of ['/api/trending?window=all&limit=1', '/']) { const r = await fetch(s.url + p); console.log(p, r.status, (await r.text()).slice(0, 300)); }
await s.stop(); console.log(s.logs().slice(-1500)); removeDir(dir);
