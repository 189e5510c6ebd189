import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { startServer } from '../test/helpers/server.js';
const cluster = await startPostgresCluster();
const server = await startServer({ args: ['--no-demo','--no-worker'], env: { DATABASE_URL: cluster.url } });
const hit = async (p: string) => { const t=Date.now(); const r = await fetch(server.url + p); const b = await r.text(); return `${p} ${r.status} ra=${r.headers.get('retry-after')} ${Date.now()-t}ms ${b.slice(0,80).replace(/\n/g,' ')}`; };
const paths = ['/healthz','/','/api/trending','/api/search?q=x','/search?q=x','/about','/feed.atom'];
for (const p of paths) console.log(await hit(p));
await cluster.restart(async () => {
  for (const p of paths) console.log('down', await hit(p));
  await new Promise(r=>setTimeout(r,1500));
  for (const p of paths) console.log('down2', await hit(p));
});
for (const p of paths) console.log('up', await hit(p));
await new Promise(r=>setTimeout(r,1500));
for (const p of paths) console.log('up2', await hit(p));
await server.stop(); await cluster.stop();
console.log(server.logs().split('\n').filter(l=>/error|warn/i.test(l)).slice(0,5).join('\n').slice(0,3000));
