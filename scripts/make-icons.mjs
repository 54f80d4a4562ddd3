// Renders assets/icon.svg and assets/tray.svg to the PNG sizes electron-builder and the tray need,
// with the same headless Chromium the e2e tests use (no image toolchain required).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';

const executablePath = process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage();
mkdirSync('assets/icons', { recursive: true });
async function render(svgFile, size, out) {
  const svg = readFileSync(svgFile, 'utf8').replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
}
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
  await render('assets/icon.svg', size, `assets/icons/${size}x${size}.png`);
await render('assets/icon.svg', 512, 'assets/icon.png');
await render('assets/tray.svg', 16, 'assets/tray.png');
await render('assets/tray.svg', 32, 'assets/tray@2x.png');
await browser.close();
console.log('icons written to assets/');
