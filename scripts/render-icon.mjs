// Renders media/icon.svg to the 128x128 media/icon.png that the marketplace
// and the extensions view show (they do not accept SVG icons).
import { chromium } from 'playwright-core';
import * as fs from 'node:fs';

const svg = fs.readFileSync('media/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: 'media/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
