// End-to-end test of the web app in a real headless Chromium (the distribution's), driven by playwright-core.
// tests/web/test_e2e.py starts `convilyn serve`, makes a Pro user and runs this with:
//   CONVILYN_BASE_URL  the server        CONVILYN_SIGN_IN_URL  a one-time sign-in link
//   CONVILYN_API_KEY   the same user's key (to check what the app saved)
//   CHROMIUM           the browser binary   SAMPLES  dir with resume.md and job_posting.txt
//   SCREENSHOTS        where page screenshots go (default web/e2e/screenshots)
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const base = process.env.CONVILYN_BASE_URL;
const signInUrl = process.env.CONVILYN_SIGN_IN_URL;
const apiKey = process.env.CONVILYN_API_KEY;
const samples = process.env.SAMPLES;
const shots = process.env.SCREENSHOTS ?? join(here, "screenshots");
const downloads = join(here, "downloads");
mkdirSync(shots, { recursive: true });
mkdirSync(downloads, { recursive: true });

const started = Date.now();
const steps = [];

async function apiGet(path) {
  const response = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  assert.equal(response.status, 200, `GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function step(name, work) {
  const t0 = Date.now();
  await work();
  steps.push({ name, ms: Date.now() - t0 });
  console.log(`ok ${steps.length} - ${name} (${Date.now() - t0} ms)`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const pageErrors = [];
page.on("pageerror", (error) => pageErrors.push(String(error)));
page.setDefaultTimeout(15000);

try {
  await step("sign in with a one-time link; no code left in the address", async () => {
    await page.goto(signInUrl);
    await page.waitForURL(/\/app\/run$/);
    assert.ok(!page.url().includes("code="), page.url());
    await page.getByText("Sign out").waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "convilyn_session");
    assert.ok(session && session.httpOnly && session.sameSite === "Strict", JSON.stringify(cookies));
    assert.equal(await page.evaluate(() => document.cookie), "");
  });

  await step("run a workflow through its checkpoint to the download", async () => {
    await page.locator('[data-spec="goal_lane.resume_tailor"]').click();
    await page.locator('input[type="file"]').setInputFiles([join(samples, "resume.md"), join(samples, "job_posting.txt")]);
    await page.getByText("uploaded (md").waitFor();
    await page.getByText("uploaded (txt").waitFor();
    await page.getByLabel("Tone of the summary").selectOption("confident");
    await page.getByLabel("Length").selectOption("one_page");
    await shot(page, "run");
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForURL(/\/app\/jobs\/job_/);
    await page.getByText("The workflow needs you").waitFor({ timeout: 60000 });
    assert.ok((await page.locator("pre.preview").innerText()).length > 0);
    await page.getByLabel("Job titles for your headline").fill("Staff Engineer, Platform Lead");
    await shot(page, "checkpoint");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Download results (ZIP)").waitFor({ timeout: 60000 });
    await shot(page, "job-done");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Download results (ZIP)").click()]);
    const saved = join(downloads, download.suggestedFilename());
    await download.saveAs(saved);
    const zip = readFileSync(saved);
    assert.equal(zip.subarray(0, 2).toString(), "PK", "the download is a ZIP");
    assert.ok(statSync(saved).size > 200);
  });

  await step("my jobs lists the finished job", async () => {
    await page.getByRole("link", { name: "← Run" }).click();
    await page.locator(".badge.completed").first().waitFor();
  });

  assert.deepEqual(pageErrors, [], "no script errors on any page");
  console.log(JSON.stringify({ ok: true, seconds: (Date.now() - started) / 1000, steps }));
} catch (error) {
  await shot(page, "failure").catch(() => {});
  console.error(`not ok - ${error.stack ?? error}`);
  console.error(`page errors: ${JSON.stringify(pageErrors)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
