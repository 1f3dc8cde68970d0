/**
 * Nest's console logger, loaded with its clock deferred.
 *
 * `@nestjs/common` builds an `Intl.DateTimeFormat` for its log timestamps when it loads (at module
 * level in `console-logger.service.js`). Building one makes ICU read its locale, calendar and
 * time-zone data: 6.4 MB of the Node binary's pages and 1.5 MB besides, resident for the life of the
 * process (an empty Node 20 process: 29.8 → 36.2 MB of the binary, 39.8 → 47.8 MB resident). The
 * server logs through pino (`logger.ts`), which formats no dates, so Nest's formatter is only ever
 * used if Nest logs through its own logger, before the app's is in place (a failed start).
 *
 * `loadNestWithDeferredClock` loads `@nestjs/common` while `Intl.DateTimeFormat` makes formatters
 * that build the real one when first asked to format, and puts the global back before it returns:
 * what Nest prints is the same, and only what loads during that one `require` is affected.
 */

type DateArg = Date | number | undefined;

const RealDateTimeFormat = Intl.DateTimeFormat;

/** A stand-in for `Intl.DateTimeFormat` that builds the real formatter on first use. */
export class DeferredDateTimeFormat {
  /** As `Intl.DateTimeFormat.supportedLocalesOf` (the stand-in's static side, for code that asks while Nest loads). */
  static readonly supportedLocalesOf = (locales: string | readonly string[], options?: Intl.DateTimeFormatOptions): string[] =>
    RealDateTimeFormat.supportedLocalesOf(locales as string[], options);

  private real?: Intl.DateTimeFormat;

  constructor(
    private readonly locales?: string | readonly string[],
    private readonly options?: Intl.DateTimeFormatOptions,
  ) {}

  /** Whether the real formatter has been built (tests; nothing else needs it). */
  get built(): boolean {
    return this.real !== undefined;
  }

  format(date?: DateArg): string {
    return this.formatter().format(date);
  }

  formatToParts(date?: DateArg): Intl.DateTimeFormatPart[] {
    return this.formatter().formatToParts(date);
  }

  formatRange(start: Date | number, end: Date | number): string {
    return this.formatter().formatRange(start, end);
  }

  formatRangeToParts(start: Date | number, end: Date | number): Intl.DateTimeRangeFormatPart[] {
    return this.formatter().formatRangeToParts(start, end);
  }

  resolvedOptions(): Intl.ResolvedDateTimeFormatOptions {
    return this.formatter().resolvedOptions();
  }

  private formatter(): Intl.DateTimeFormat {
    return (this.real ??= new RealDateTimeFormat(this.locales as string[] | undefined, this.options));
  }
}

/**
 * Loads `@nestjs/common` with `Intl.DateTimeFormat` deferred (see above), unless it is loaded already
 * (then nothing changes). Returns whether it loaded it. `Intl.DateTimeFormat` is the real one
 * afterwards either way, also if the load throws.
 */
export function loadNestWithDeferredClock(): boolean {
  const nest = require.resolve('@nestjs/common');
  if (require.cache[nest] !== undefined) return false;
  const intl = Intl as { DateTimeFormat: unknown };
  intl.DateTimeFormat = DeferredDateTimeFormat;
  try {
    require(nest);
  } finally {
    intl.DateTimeFormat = RealDateTimeFormat;
  }
  return true;
}
