// End-to-end test of the web app in a real headless Chromium (the distribution's), driven by playwright-core.
// tests/web/test_e2e.py starts `convilyn serve`, makes a Pro user and runs this with:
//   CONVILYN_BASE_URL  the server        CONVILYN_SIGN_IN_URL  a one-time sign-in link
//   CONVILYN_API_KEY   the same user's key (to check what the app saved)
//   CHROMIUM           the browser binary   SAMPLES  dir with resume.md and job_posting.txt
//   SCREENSHOTS        where page screenshots go (default web/e2e/screenshots)
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
mkdirSync(downloads, { recursive: true });

const started = Date.now();
const steps = [];

// The same user through the API (as another tab or the CLI would): to set up and to check what the app saved.
async function apiCall(method, path, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
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
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1400 } });
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
    await page.goBack();
    assert.ok(!page.url().includes("code="), "the code is gone from history too");
    await page.goto(`${base}/app/run`);
  });

  await step("run a workflow through its checkpoint (409 shown, reloaded) to the download", async () => {
    await page.locator('[data-spec="goal_lane.resume_tailor"]').click();
    await page.locator('input[type="file"]').setInputFiles([join(samples, "resume.md"), join(samples, "job_posting.txt")]);
    await page.getByText("uploaded (md").waitFor();
    await page.getByText("uploaded (txt").waitFor();
    await page.getByLabel("Tone of the summary").selectOption("confident");
    await page.getByLabel("Length").selectOption("one_page");
    await shot(page, "run");
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForURL(/\/app\/jobs\/job_/);
    const jobId = page.url().split("/").pop();
    await page.getByText("The workflow needs you").waitFor({ timeout: 60000 });
    assert.ok((await page.locator("pre.preview").innerText()).length > 0);
    await page.getByLabel("Job titles for your headline").fill("Staff Engineer, Platform Lead");
    await shot(page, "checkpoint");
    // Someone else (another tab, the CLI) answers first: this page's itemVersion is stale.
    const { itemVersion } = await apiCall("GET", `/jobs/goal/${jobId}/status`);
    await apiCall("PATCH", `/jobs/goal/${jobId}/slots`, { itemVersion, slots: [{ slotId: "confirmed_titles", value: "Tech Lead" }] });
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("This job changed, reload.").waitFor();
    await shot(page, "checkpoint-conflict");
    await page.getByRole("button", { name: "Reload" }).click();
    await page.getByText("This job changed, reload.").waitFor({ state: "detached" });
    // The reloaded form shows what the other answer filled in.
    assert.equal(await page.getByLabel("Job titles for your headline").inputValue(), "Tech Lead");
    await page.getByLabel("Job titles for your headline").fill("Staff Engineer, Platform Lead");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Download results (ZIP)").waitFor({ timeout: 60000 });
    await shot(page, "job-done");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Download results (ZIP)").click()]);
    const saved = join(downloads, download.suggestedFilename());
    await download.saveAs(saved);
    const zip = readFileSync(saved);
    assert.equal(zip.subarray(0, 2).toString(), "PK", "the download is a ZIP");
    assert.ok(statSync(saved).size > 200);
    await page.getByRole("link", { name: "← Run" }).click();
    await page.locator(".badge.completed").first().waitFor();
  });

  await step("my jobs come from the server: a job made elsewhere is listed, filtered by status, and cancelled", async () => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(join(samples, "resume.md"))], { type: "text/markdown" }), "resume.md");
    const uploaded = await fetch(`${base}/api/v1/upload`, { method: "POST", headers: { Authorization: `Bearer ${apiKey}` }, body: form });
    const body = await uploaded.text();
    assert.equal(uploaded.status, 201, body);
    const { file_id: fileId } = JSON.parse(body);
    const made = await apiCall("POST", "/jobs/goal", { workflowId: "goal_lane.action_items_extractor", fileIds: [fileId] });
    await page.goto(`${base}/app/run`);
    const row = page.locator(`[data-testid="my-jobs"] [data-job="${made.jobSpecId}"]`);
    await row.waitFor();
    assert.ok((await row.innerText()).includes("pending"), await row.innerText());
    await page.getByLabel("Show").selectOption("completed");
    await row.waitFor({ state: "detached" });
    await page.locator('[data-testid="my-jobs"] .badge.completed').first().waitFor();
    assert.equal(await page.locator('[data-testid="my-jobs"] .badge:not(.completed)').count(), 0, "only completed jobs");
    await page.getByLabel("Show").selectOption("pending");
    await row.waitFor();
    await shot(page, "my-jobs");
    await row.getByRole("link").click();
    await page.waitForURL(new RegExp(`/app/jobs/${made.jobSpecId}$`));
    await page.getByRole("button", { name: "Cancel job" }).click();
    await page.getByRole("button", { name: "Yes, cancel the job" }).click();
    await page.getByTestId("job-status").filter({ hasText: "cancelled" }).waitFor();
    await page.getByText("This job was cancelled").waitFor();
    assert.equal(await page.getByRole("button", { name: "Cancel job" }).count(), 0, "an ended job offers no cancel");
    await shot(page, "job-cancelled");
    assert.equal((await apiCall("GET", `/jobs/goal/${made.jobSpecId}`)).status, "cancelled");
    await page.getByRole("link", { name: "← Run" }).click();
  });

  let workflowId = "";
  await step("fork a curated workflow", async () => {
    await page.getByRole("link", { name: "Builder" }).click();
    await page.getByLabel("Fork a curated workflow").selectOption("goal_lane.action_items_extractor");
    await page.getByRole("button", { name: "Fork", exact: true }).click();
    await page.waitForURL(/\/app\/builder\/uw_/);
    workflowId = page.url().split("/").pop();
    await page.locator('.react-flow__node[data-id="doc-parser-mcp:extract_text"]').waitFor();
  });

  await step("edit on the canvas: drag a tool on, drag a node, connect; saved canvasLayout has the positions", async () => {
    const before = await apiCall("GET", `/user_workflows/${workflowId}`);
    const zoom = before.canvasLayout.viewport.zoom || 1;
    const moved = "text-analysis-mcp:extract_action_items";
    const start = before.toolPalette.find((t) => t.toolName === moved).position;
    // A tool from the palette onto the canvas (HTML drag and drop).
    const tool = page.locator('[data-tool="text-analysis-mcp:summarize"]');
    await tool.scrollIntoViewIfNeeded();
    const from = await tool.boundingBox();
    const canvas = await page.getByTestId("canvas").boundingBox();
    await page.mouse.move(from.x + 20, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(canvas.x + 40, canvas.y + 260, { steps: 8 });
    await page.mouse.move(canvas.x + 60, canvas.y + 300, { steps: 4 });
    await page.mouse.up();
    const added = page.locator('.react-flow__node[data-id="text-analysis-mcp:summarize"]');
    await added.waitFor();
    // A node across the canvas with the mouse.
    const node = page.locator(`.react-flow__node[data-id="${moved}"]`);
    const box = await node.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 160, { steps: 5 });
    await page.mouse.up();
    // Connect it to the new node: from its source handle to the new node's target handle.
    await page.locator(`.react-flow__node[data-id="${moved}"] .react-flow__handle.source`).dragTo(
      page.locator('.react-flow__node[data-id="text-analysis-mcp:summarize"] .react-flow__handle.target'));
    const shown = await node.evaluate((el) => {
      const match = /translate\(([-\d.]+)px, *([-\d.]+)px\)/.exec(el.style.transform);
      return { x: Number(match[1]), y: Number(match[2]) };
    });
    await page.getByLabel("Name").fill("E2E notes to actions");
    await page.getByLabel("Tags (comma-separated)").fill("e2e, notes");
    await shot(page, "builder");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved (version").waitFor();
    const after = await apiCall("GET", `/user_workflows/${workflowId}`);
    const position = after.toolPalette.find((t) => t.toolName === moved).position;
    // Saved where the canvas shows it, and that is where the mouse took it (less React Flow's drag threshold).
    assert.ok(Math.abs(position.x - shown.x) < 0.2 && Math.abs(position.y - shown.y) < 0.2,
      `saved ${JSON.stringify(position)}, shown ${JSON.stringify(shown)}`);
    assert.ok(Math.abs(position.x - start.x - 120 / zoom) < 20 && Math.abs(position.y - start.y - 160 / zoom) < 20,
      `moved node saved at ${JSON.stringify(position)} from ${JSON.stringify(start)} (zoom ${zoom})`);
    assert.ok(after.toolPalette.some((t) => t.toolName === "text-analysis-mcp:summarize"), "the dragged-on tool is saved");
    assert.ok(after.canvasLayout.edges.some((e) => e.from === moved && e.to === "text-analysis-mcp:summarize"),
      JSON.stringify(after.canvasLayout.edges));
    assert.equal(after.name, "E2E notes to actions");
    assert.deepEqual(after.tags, ["e2e", "notes"]);
  });

  await step("a save conflict is shown and the edit is not lost", async () => {
    const current = await apiCall("GET", `/user_workflows/${workflowId}`);
    await apiCall("PATCH", `/user_workflows/${workflowId}`, { itemVersion: current.itemVersion, description: "Changed elsewhere" });
    await page.getByLabel("Description").fill("Turns meeting notes into action items.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("conflict").waitFor();
    assert.equal(await page.getByLabel("Description").inputValue(), "Turns meeting notes into action items.");
    await shot(page, "builder-conflict");
    await page.getByRole("button", { name: "Save mine over theirs" }).click();
    await page.getByText("Saved (version").waitFor();
    assert.equal((await apiCall("GET", `/user_workflows/${workflowId}`)).description, "Turns meeting notes into action items.");
  });

  await step("export the JSON and import it back", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export JSON" }).click()]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, "utf-8"));
    assert.equal(exported.schemaVersion, "1.0");
    assert.equal(exported.name, "E2E notes to actions");
    await page.getByRole("link", { name: "← My workflows" }).click();
    await page.getByLabel("Import an exported workflow (JSON)").setInputFiles(file);
    await page.waitForURL((url) => /\/app\/builder\/uw_/.test(url.pathname) && !url.pathname.endsWith(workflowId));
    await page.getByRole("heading", { name: /E2E notes to actions/ }).waitFor();
  });

  await step("publish", async () => {
    await page.goto(`${base}/app/builder/${workflowId}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published to the community.").waitFor();
    assert.equal(await page.getByTestId("visibility").innerText(), "public");
  });

  await step("run my workflow from the builder", async () => {
    await page.getByRole("button", { name: "Run it" }).click();
    await page.waitForURL(/\/app\/run\?workflow=uw_/);
    await page.getByRole("heading", { name: "E2E notes to actions" }).waitFor();
    const notes = join(downloads, "notes.txt");
    writeFileSync(notes, "Weekly sync, 3 March 2026\n\nAction items:\n- Ada will send the budget to Grace by Friday.\n- Alan to book the room.\n");
    await page.locator('input[type="file"]').setInputFiles(notes);
    await page.getByText("uploaded (txt").waitFor();
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByText("Download results (ZIP)").waitFor({ timeout: 60000 });
  });

  await step("community: infinite scroll, tag filter, like, comment (HTML refused), fork", async () => {
    // More public workflows than one page holds, so the list has to scroll for the rest.
    for (let i = 0; i < 13; i += 1) {
      const fork = await apiCall("POST", "/user_workflows/fork", { sourceSpecId: "goal_lane.document_summary", name: `Summary ${i}` });
      await apiCall("PATCH", `/user_workflows/${fork.workflowId}`, { itemVersion: fork.itemVersion, visibility: "public", tags: ["bulk"] });
    }
    const cursors = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith("/user_workflows/community")) cursors.push(url.searchParams.get("cursor"));
    });
    await page.getByRole("link", { name: "Community" }).click();
    await page.locator("li.summary").nth(11).waitFor();
    await page.getByTestId("scroll-end").scrollIntoViewIfNeeded();
    await page.getByText("That is all.").waitFor();
    assert.equal(await page.locator("li.summary").count(), 14);
    assert.ok(cursors[0] === null && cursors.length === 2 && cursors[1], `pages fetched: ${JSON.stringify(cursors)}`);
    await shot(page, "community");
    await page.getByLabel("Tag").fill("e2e");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForFunction(() => document.querySelectorAll("li.summary").length === 1);
    await page.getByRole("link", { name: "E2E notes to actions" }).click();
    await page.getByTestId("like").click();
    await page.getByText("Liked · 1").waitFor();
    const plain = 'Works well: 2 < 3 & "quotes" stay as typed';
    await page.getByLabel("Add a comment (plain text)").fill(plain);
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.locator("pre.comment-body", { hasText: plain }).waitFor();
    const html = '<img src=x onerror="window.pwned=1">hello';
    await page.getByLabel("Add a comment (plain text)").fill(html);
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.locator(".error").filter({ hasText: /HTML|markup|tag/i }).waitFor();
    assert.equal(await page.locator("pre.comment-body").count(), 1, "the HTML comment was not added");
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await shot(page, "community-workflow");
    const comments = await apiCall("GET", `/user_workflows/${workflowId}/comments`);
    assert.deepEqual(comments.items.map((c) => c.body), [plain]);
    assert.equal((await apiCall("GET", `/user_workflows/${workflowId}`)).stats.likeCount, 1);
    await page.getByRole("button", { name: "Fork", exact: true }).click();
    await page.waitForURL((url) => /\/app\/builder\/uw_/.test(url.pathname) && !url.pathname.endsWith(workflowId));
  });

  await step("forge: the quote, the forge, the creature as a picture", async () => {
    await page.goto(`${base}/app/forge?workflow=${workflowId}`);
    await page.getByText("Forging costs 1 U; you have 3 U.").waitFor();
    await page.getByRole("button", { name: "Forge for 1 U" }).click();
    const picture = page.getByTestId("treasure-svg");
    await picture.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="treasure-svg"]');
      return img && img.complete && img.naturalWidth > 0;
    });
    await page.getByText("· 2 U").waitFor();
    await page.getByText("This workflow already has its treasure").waitFor();
    assert.equal(await page.getByRole("button", { name: /Forge for/ }).count(), 0, "nothing more to forge");
    await shot(page, "forge");
  });

  await step("every page fits a phone's width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [["run", "/app/run?workflow=goal_lane.resume_tailor"], ["builder", `/app/builder/${workflowId}`],
      ["community", "/app/community"], ["community-workflow", `/app/community/${workflowId}`], ["forge", `/app/forge?workflow=${workflowId}`]]) {
      await page.goto(`${base}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 391, `${name} is ${width}px wide on a 390px screen`);
      await shot(page, `phone-${name}`);
    }
    await page.setViewportSize({ width: 1280, height: 1400 });
  });

  await step("sign out ends the session", async () => {
    await page.goto(`${base}/app/run`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    assert.equal((await context.cookies()).filter((c) => c.name === "convilyn_session").length, 0);
    await page.goto(`${base}/app/builder`);
    await page.waitForURL(/\/app\/signin$/);
    await shot(page, "signin");
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
