import { launchChromium } from '../electron/report/chromium';
let t = Date.now();
const b = await launchChromium();
console.log('launch', Date.now() - t); t = Date.now();
const c = await b.newContext(); const p = await c.newPage();
await p.setContent('<p>hi</p>'); console.log('page', Date.now() - t); t = Date.now();
await p.pdf({ format: 'A4' }); console.log('pdf', Date.now() - t);
await b.close();
