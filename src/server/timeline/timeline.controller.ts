/**
 * `GET /timeline`: a page that asks the plan endpoint and draws the answer, with its script and
 * stylesheet. Served by Nest like every other route (helmet's CSP applies: the page has no inline
 * script). Not an API, so it stays out of the OpenAPI document; the docs' description links it.
 */
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SCHEDULER_DEFAULTS } from '../../scheduler';
import { DOCS_PATH } from '../configure-app';
import { loadTimelineAssets, TIMELINE_ASSET_PATH, TIMELINE_PATH, type TimelineAssets } from './timeline-page';

/** Every file is re-validated on each load: a new server version shows at once. */
const CACHE_CONTROL = 'no-cache';

/** The standalone server's URLs of the page's endpoints. */
export const TIMELINE_URLS = Object.freeze({
  planUrl: `/${SCHEDULER_DEFAULTS.routePrefix}/schedule/plan`,
  policiesUrl: `/${SCHEDULER_DEFAULTS.routePrefix}/policies`,
  docsUrl: `/${DOCS_PATH}`,
});

/** Serves the timeline page and its two assets. */
@ApiExcludeController()
@Controller(TIMELINE_PATH)
export class TimelineController {
  private readonly assets: TimelineAssets = loadTimelineAssets(TIMELINE_URLS);

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', CACHE_CONTROL)
  page(): string {
    return this.assets.html;
  }

  @Get(`${TIMELINE_ASSET_PATH}/timeline.js`)
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', CACHE_CONTROL)
  script(): string {
    return this.assets.js;
  }

  @Get(`${TIMELINE_ASSET_PATH}/timeline.css`)
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', CACHE_CONTROL)
  stylesheet(): string {
    return this.assets.css;
  }
}
