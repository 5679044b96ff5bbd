// Renders resources/icon.svg into every icon electron-builder needs, with only what the project
// already has: Debian's Chromium (through Playwright) rasterises, and the ICO and ICNS containers
// are written here (both are a directory of PNGs). Run after changing the SVG; the outputs are
// committed so neither packaging nor its tests need a browser or ImageMagick.
//   node scripts/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS types that carry PNG data, and the pixel size each expects.
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024]];

export function icoFile(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

export function icnsFile(chunks) {
  const parts = chunks.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

async function render(svg) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const svg = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8').replace(/<\?xml[^>]*>/, '');
  const pngs = await render(svg);
  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const [size, data] of pngs) writeFileSync(join(out, 'icons', `${size}x${size}.png`), data);
  writeFileSync(join(out, 'icon.png'), pngs.get(1024));
  writeFileSync(join(out, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, data: pngs.get(size) }))));
  writeFileSync(join(out, 'icon.icns'), icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, data: pngs.get(size) }))));
  console.log(`icons written to ${out}: ${SIZES.join(', ')} px PNG, icon.ico (${ICO_SIZES.length} sizes), icon.icns (${ICNS_TYPES.length} entries)`);
}
