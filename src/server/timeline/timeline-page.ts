/**
 * The timeline page's three files, read once at start from `assets/` beside this module (the build
 * copies them to `dist/server/timeline/assets/`), with the page's URLs filled into the HTML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of the page's files. */
export const TIMELINE_ASSETS_DIR = join(__dirname, 'assets');

/** Path of the page (`GET /timeline`). */
export const TIMELINE_PATH = 'timeline';

/** Query string of a one-day `basic` plan, for links to the page. */
export const TIMELINE_EXAMPLE_QUERY = 't0=2026-12-01%2000:00&t1=2026-12-02%2000:00&policy=basic';

/** Where the page's script and stylesheet are served, under the page's path. */
export const TIMELINE_ASSET_PATH = 'assets';

/** The URLs the page needs, filled into its HTML. */
export interface TimelineUrls {
  /** `POST` endpoint of the plan (`/api/v1/schedule/plan`). */
  readonly planUrl: string;
  /** `GET` endpoint of the policy list (`/api/v1/policies`). */
  readonly policiesUrl: string;
  /** The interactive API docs (`/docs`). */
  readonly docsUrl: string;
}

/** The page's files, ready to send. */
export interface TimelineAssets {
  readonly html: string;
  readonly js: string;
  readonly css: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Fills `{{name}}` placeholders; a placeholder without a value is a bug, so it throws. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`timeline.html: no value for {{${name}}}`);
    return escapeHtml(v);
  });
}

/** Reads the page's files from `dir` and fills the HTML; throws at start-up when a file is missing. */
export function loadTimelineAssets(urls: TimelineUrls, dir: string = TIMELINE_ASSETS_DIR): TimelineAssets {
  const read = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (err) {
      throw new Error(`The timeline page's ${name} is missing from ${dir} (does the build copy src/server/timeline/assets?): ${String(err)}`);
    }
  };
  const html = fillTemplate(read('timeline.html'), {
    ...urls,
    assetBase: `/${TIMELINE_PATH}/${TIMELINE_ASSET_PATH}`,
  });
  return { html, js: read('timeline.js'), css: read('timeline.css') };
}
