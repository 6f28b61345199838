// Takes the README's screenshots from the real demo: the walkthrough the demo
// opens on (walkthrough.png), the workbench with a C#
// file's diagnostics, the Problems panel and the Clusters view expanded
// (screenshot.png), and a readiness report opened from a code lens (readiness.png).
// Usage: node out/scripts/screenshot.js [output-folder]
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { BrowserSetupError, closeQuietly, launchBrowser } from '../test/host/browser';
import { repoRoot } from '../test/host/paths';
import { startDemo } from '../test/demo/demoEnvironment';

async function main(): Promise<void> {
  const folder = path.resolve(process.argv[2] ?? path.join(repoRoot(), 'media'));
  const demo = await startDemo({});
  let browser: Browser | undefined;
  try {
    // Inside the try: a browser that does not start still stops the demo.
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(demo.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(3000);
    const runCommand = async (title: string) => {
      await page.keyboard.press('F1');
      await page.keyboard.type(title);
      await page.waitForTimeout(600);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1500);
    };
    // The demo opens on the walkthrough.
    await page.getByText('Get Started with Kusto Managed Identity').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(folder, 'walkthrough.png') });
    await runCommand('View: Close All Editors');
    await page.keyboard.press('Control+P');
    await page.keyboard.type('IngestOrders.cs');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(2500);
    await runCommand('View: Focus Problems');
    await runCommand('Kusto Managed Identity: Focus on Clusters View');
    // Widen the side bar so the tree's descriptions fit.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width + 1;
      const y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 200, y, { steps: 8 });
      await page.mouse.up();
    }
    // Expand the cluster, its identities and its databases.
    const tree = page.locator('.pane-body .monaco-list[aria-label]').filter({ hasText: 'demo (local)' });
    await tree.getByText('demo (local)').click();
    await page.waitForTimeout(1500);
    await tree.getByText('Databases').click();
    await page.waitForTimeout(2000);
    await tree.getByText('Identities').click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(folder, 'screenshot.png') });

    // The readiness check from the code lens above a managed-identity URI; the first
    // database and identity offered are taken.
    await page.keyboard.press('Control+P');
    await page.keyboard.type('ingest_events.py');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(2500);
    await page.locator('.codelens-decoration a').filter({ hasText: /readiness/i }).last().click();
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(1500);
      if (!(await page.locator('.quick-input-widget').isVisible())) break;
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(4000);
    await page.screenshot({ path: path.join(folder, 'readiness.png') });
    console.log(`Saved walkthrough.png, screenshot.png and readiness.png in ${folder}`);
  } finally {
    if (browser) await closeQuietly(browser);
    await demo.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof BrowserSetupError ? e.message : e);
  process.exit(1);
});
