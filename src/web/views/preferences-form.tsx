// The digest preference fields (subscribe page and account page) and the parser of what they post.
import { z } from 'zod';
import { preferencesSchema, type Preferences } from '../../model/subscriber.js';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Every IANA zone this runtime knows, for the time-zone suggestions. */
const zones: string[] = Intl.supportedValuesOf('timeZone');

const list = (separator: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(separator)
        .map((x) => x.trim())
        .filter(Boolean),
    );
const optionalNumber = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : Number(v)));

/** The form's fields as posted; `full` marks the full form, where an unticked box means false. */
const formFields = z.object({
  categories: list(/[\s,]+/),
  keywords: list(/[,\n]+/),
  // Names contain commas ("Lovelace, Ada"), so authors are separated by semicolons or lines.
  authors: list(/[;\n]+/),
  frequency: z.string().optional(),
  weekday: optionalNumber,
  sendHour: optionalNumber,
  timeZone: z.string().optional(),
  maxPapers: optionalNumber,
  skipEmpty: z.string().optional(),
  arxivCalendar: z.string().optional(),
  full: z.string().optional(),
});

export type FieldErrors = Partial<Record<keyof Preferences, string>>;

/** Parses posted form fields into full preferences, or the message of each invalid field. */
export function parsePreferencesForm(
  body: Record<string, unknown>,
): { ok: true; preferences: Preferences } | { ok: false; errors: FieldErrors } {
  const strings = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'));
  const f = formFields.parse(strings);
  const full = f.full === '1';
  const candidate = {
    categories: f.categories,
    keywords: f.keywords,
    authors: f.authors,
    frequency: f.frequency || undefined,
    weekday: f.weekday,
    sendHour: f.sendHour,
    timeZone: f.timeZone?.trim() || undefined,
    maxPapers: f.maxPapers,
    skipEmpty: full ? f.skipEmpty === '1' : undefined,
    arxivCalendar: full ? f.arxivCalendar === '1' : undefined,
  };
  const parsed = preferencesSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, preferences: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof Preferences;
    errors[key] ??= issue.message.startsWith('Invalid') ? describe(key) : issue.message;
  }
  return { ok: false, errors };
}

function describe(key: keyof Preferences): string {
  const what: Record<keyof Preferences, string> = {
    categories: 'arXiv categories such as cs.LG, at most 50',
    keywords: 'at most 50 keywords of up to 100 characters',
    authors: 'at most 50 names of up to 200 characters',
    frequency: 'daily or weekly',
    weekday: 'a day of the week',
    sendHour: 'an hour from 0 to 23',
    timeZone: 'an IANA time zone such as Europe/Berlin',
    maxPapers: 'a number from 1 to 50',
    skipEmpty: 'yes or no',
    arxivCalendar: 'yes or no',
  };
  return `must be ${what[key]}`;
}

function Err({ id, errors, field }: { id: string; errors: FieldErrors; field: keyof Preferences }) {
  const message = errors[field];
  return message ? (
    <span class="field-error" id={`${id}-err`}>
      {message}
    </span>
  ) : null;
}

/**
 * The preference fields (no <form>): `values` fills them in. A time zone left at the server's default UTC is
 * replaced by the browser's zone by /static/pp.*.js when `fromBrowser` (new subscriptions only).
 */
export function PreferenceFields({
  values,
  errors = {},
  fromBrowser = false,
}: {
  values: Preferences;
  errors?: FieldErrors;
  fromBrowser?: boolean;
}) {
  const invalid = (f: keyof Preferences) => (errors[f] ? { 'aria-invalid': 'true' } : {});
  return (
    <>
      <input type="hidden" name="full" value="1" />
      <fieldset>
        <legend>What to include</legend>
        <label for="pf-categories">arXiv categories (empty = all)</label>
        <input
          id="pf-categories"
          name="categories"
          value={values.categories.join(' ')}
          placeholder="cs.LG cs.CL"
          {...invalid('categories')}
        />
        <Err id="pf-categories" errors={errors} field="categories" />
        <label for="pf-keywords">Keywords, separated by commas</label>
        <input
          id="pf-keywords"
          name="keywords"
          value={values.keywords.join(', ')}
          placeholder="diffusion, kv cache"
          {...invalid('keywords')}
        />
        <Err id="pf-keywords" errors={errors} field="keywords" />
        <label for="pf-authors">Authors to follow, separated by semicolons</label>
        <input
          id="pf-authors"
          name="authors"
          value={values.authors.join('; ')}
          placeholder="Ada Lovelace; Alan Turing"
          {...invalid('authors')}
        />
        <Err id="pf-authors" errors={errors} field="authors" />
        <label for="pf-max">At most this many papers</label>
        <input
          id="pf-max"
          name="maxPapers"
          type="number"
          min={1}
          max={50}
          value={String(values.maxPapers)}
          {...invalid('maxPapers')}
        />
        <Err id="pf-max" errors={errors} field="maxPapers" />
      </fieldset>
      <fieldset>
        <legend>When</legend>
        <fieldset class="choices">
          <legend>How often</legend>
          {(['daily', 'weekly'] as const).map((f) => (
            <label>
              <input type="radio" name="frequency" value={f} checked={values.frequency === f} />{' '}
              {f === 'daily' ? 'Daily' : 'Weekly'}
            </label>
          ))}
        </fieldset>
        <label for="pf-weekday">Day (weekly digests)</label>
        <select id="pf-weekday" name="weekday">
          {weekdays.map((d, i) => (
            <option value={String(i)} selected={values.weekday === i}>
              {d}
            </option>
          ))}
        </select>
        <label for="pf-hour">Send after</label>
        <select id="pf-hour" name="sendHour">
          {Array.from({ length: 24 }, (_, h) => (
            <option value={String(h)} selected={values.sendHour === h}>
              {String(h).padStart(2, '0')}:00
            </option>
          ))}
        </select>
        <label for="pf-tz">Time zone</label>
        <input
          id="pf-tz"
          name="timeZone"
          list="pf-zones"
          value={values.timeZone}
          autocomplete="off"
          data-from-browser={fromBrowser ? '1' : undefined}
          {...invalid('timeZone')}
        />
        <datalist id="pf-zones">
          {zones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
        <Err id="pf-tz" errors={errors} field="timeZone" />
        <label class="check">
          <input type="checkbox" name="skipEmpty" value="1" checked={values.skipEmpty} /> Send nothing when no
          new paper matches
        </label>
        <label class="check">
          <input type="checkbox" name="arxivCalendar" value="1" checked={values.arxivCalendar} /> Follow
          arXiv’s calendar (no digest on days without new listings)
        </label>
      </fieldset>
    </>
  );
}
