import { z } from 'zod';
import { NewBrandSchema } from '../domain/brand.ts';
import { DEFAULT_TRIGGER_BURST_SETTINGS } from '../detect/detectors/trigger-burst.ts';
import { BrandQueryError, compileBrandQueries } from '../listen/query/index.ts';
import { SourcesSection } from '../listen/sources/sources-config.ts';
import { DEFAULT_WORKSPACE, WorkspaceIdSchema } from '../domain/ids.ts';
import { DEFAULT_STAKEHOLDER_OPTIONS, StakeholderOptionsSchema } from '../understand/audience/stakeholder-options.ts';

/** An integer in [min, max] whose every failure says the same plain thing. */
function intIn(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

function text(what: string) {
  return z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const WorkspaceSection = z
  .strictObject({
    id: WorkspaceIdSchema.default(DEFAULT_WORKSPACE)
      .describe('Id of the workspace (tenant) this process serves: 1–63 lowercase letters, digits, "-" or "_".'),
    name: text('a non-empty name').max(200).default('Default').describe('Display name of the workspace.'),
  })
  .describe('The workspace this process serves (created at start if missing).');

const StoreSection = z
  .strictObject({
    sqlitePath: text('a file path')
      .nullable()
      .default(null)
      .describe('SQLite database file (embedded mode). Default: <dataDir>/vigie.db.'),
    databaseUrl: text('a postgres:// URL')
      .regex(/^postgres(ql)?:\/\//, { error: 'expected a URL starting with postgres:// or postgresql://' })
      .nullable()
      .default(null)
      .describe('PostgreSQL connection URL (cluster mode). When set, PostgreSQL is used instead of SQLite.'),
  })
  .describe('Where data is stored.');

const HttpSection = z
  .strictObject({
    host: text('a host name or IP address').default('127.0.0.1').describe('Address the HTTP API listens on.'),
    port: intIn(0, 65535).default(8080).describe('Port the HTTP API listens on (0 picks a free port).'),
  })
  .describe('The HTTP API.');

const LogSection = z
  .strictObject({
    level: z
      .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
      .default('info')
      .describe('Minimum level of the JSON logs written on stderr.'),
  })
  .describe('Logging.');

const RetentionSection = z
  .strictObject({
    days: intIn(0, 36500)
      .default(90)
      .describe('Mentions created more than this many days ago are deleted; 0 keeps them forever.'),
    intervalMinutes: intIn(1, 10080).default(60).describe('How often the retention job runs, in minutes.'),
  })
  .describe('How long mentions are kept.');

const PipelineSection = z
  .strictObject({
    batchSize: intIn(1, 100000).default(2000).describe('Mentions written to the store per batch.'),
    allowedLatenessMs: intIn(0, 86400000)
      .default(300000)
      .describe('How late (ms after its bucket closed) a mention may arrive and still be counted by detectors.'),
    influencerFollowers: intIn(0, 1000000000)
      .default(10000)
      .describe('Authors with at least this many followers count as influencers.'),
  })
  .describe('The ingestion pipeline.');

const TriggersSection = z
  .strictObject({
    categories: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a category id such as product_safety' }))
      .max(50)
      .default([...DEFAULT_TRIGGER_BURST_SETTINGS.categories])
      .describe('Crisis-trigger categories the trigger_burst detector watches; [] turns it off.'),
    windows: z.array(intIn(1, 288)).min(1).max(6).default([...DEFAULT_TRIGGER_BURST_SETTINGS.windows]).describe('Trailing windows of its test, in detection buckets.'),
    minDecades: z.number().min(1).max(50).default(DEFAULT_TRIGGER_BURST_SETTINGS.minDecades).describe('−log10 p at which its score leaves 0…'),
    fullDecades: z.number().min(2).max(100).default(DEFAULT_TRIGGER_BURST_SETTINGS.fullDecades).describe('…and at which it reaches 1.'),
    minCount: intIn(1, 1000).default(DEFAULT_TRIGGER_BURST_SETTINGS.minCount).describe('A window with fewer counted authors never scores.'),
    sentiments: z
      .array(z.enum(['negative', 'neutral', 'positive'], { error: 'expected negative, neutral or positive' }))
      .min(1)
      .max(3)
      .default([...DEFAULT_TRIGGER_BURST_SETTINGS.sentiments])
      .describe('Sentiments of the mentions it counts.'),
  })
  .describe('The crisis-trigger burst detector (docs/detection.md, "Crisis triggers").');

const DetectionSection = z
  .strictObject({
    bucketMinutes: intIn(1, 60).default(5).describe('Detection bucket, minutes: each brand is judged every this many minutes.'),
    utcOffsetMinutes: intIn(-840, 840).default(60).describe("Offset of the audience's local time from UTC, minutes (the daily rhythm follows it)."),
    openScore: z.number().min(0).max(1).default(0.5).describe('Anomaly score (0–1) at which a signal opens.'),
    closeScore: z.number().min(0).max(1).default(0.25).describe('A signal stays open while its score is at least this.'),
    calmBuckets: intIn(1, 1000).default(6).describe('Detection buckets under closeScore before a signal closes.'),
    minDecades: z.number().min(1).max(50).default(4).describe('Count and share tests score from p = 10^-minDecades…'),
    fullDecades: z.number().min(2).max(100).default(12).describe('…and reach score 1 at p = 10^-fullDecades.'),
    shareMinMentions: intIn(1, 100000).default(8).describe('Negative share is not judged under this many mentions in the window.'),
    reachMinRatio: z.number().min(1).default(10).describe('Reach-weighted negativity fires at this multiple of the usual negative reach.'),
    reachFloor: z.number().min(0).default(10000).describe('…and never under this many people reached (the most reached post left out).'),
    triggers: TriggersSection.default({
      categories: [...DEFAULT_TRIGGER_BURST_SETTINGS.categories],
      windows: [...DEFAULT_TRIGGER_BURST_SETTINGS.windows],
      minDecades: DEFAULT_TRIGGER_BURST_SETTINGS.minDecades,
      fullDecades: DEFAULT_TRIGGER_BURST_SETTINGS.fullDecades,
      minCount: DEFAULT_TRIGGER_BURST_SETTINGS.minCount,
      sentiments: [...DEFAULT_TRIGGER_BURST_SETTINGS.sentiments],
    }),
    perBrand: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .default({})
      .describe('Overrides of the keys above for one brand: perBrand: { <brand id>: { openScore: 0.6 } }.'),
  })
  .describe('Detection: one set of defaults for every brand (docs/detection.md).');

const OnnxSection = z
  .strictObject({
    dir: text('a directory path')
      .nullable()
      .default(null)
      .describe('Directory of an exported sequence-classification model (config.json, tokenizer.json, model.onnx); see docs/transformer-backend.md.'),
    batchSize: intIn(1, 1024).default(32).describe('Texts per inference call.'),
    maxLength: intIn(8, 512).default(128).describe('Tokens per text (longer texts are truncated).'),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, { error: 'expected an ISO 639-1 code such as fr' }))
      .default(['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt'])
      .describe('Languages the model was trained for; other languages get a low-confidence neutral.'),
  })
  .describe('The transformer backend (ONNX), loaded from a local directory only.');

const SentimentSection = z
  .strictObject({
    backend: z
      .enum(['builtin', 'onnx'], { error: 'expected builtin or onnx' })
      .default('builtin')
      .describe('builtin: the shipped linear model (fast, French and English); onnx: a transformer from understand.sentiment.onnx.dir, run on each batch.'),
    model: text('a file path')
      .nullable()
      .default(null)
      .describe('A built-in model file other than the shipped one (made by `vigie train sentiment`).'),
    minConfidence: z
      .number({ error: 'expected a number from 0 to 1' })
      .min(0, { error: 'expected a number from 0 to 1' })
      .max(1, { error: 'expected a number from 0 to 1' })
      .default(0)
      .describe('A built-in prediction less confident than this is stored as neutral (reason low-confidence:<label>); 0 keeps every label.'),
    onnx: OnnxSection.default({ dir: null, batchSize: 32, maxLength: 128, languages: ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt'] }),
    adapters: z
      .boolean()
      .default(true)
      .describe("Learn each brand's adapter from its analysts' sentiment corrections and apply it to the brand's mentions."),
  })
  .describe('Sentiment (docs/understanding.md).');

const CategoriesSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Classify each mention into crisis-trigger categories.'),
    model: text('a file path')
      .nullable()
      .default(null)
      .describe('A category model file other than the shipped one (made by `vigie train categories`).'),
  })
  .describe('Crisis-trigger categories (docs/understanding.md).');

const UnderstandSection = z
  .strictObject({
    detectLanguage: z
      .boolean()
      .default(true)
      .describe('Detect the language of mentions that arrive without a platform language tag.'),
    sentiment: SentimentSection.default({
      backend: 'builtin',
      model: null,
      minConfidence: 0,
      onnx: { dir: null, batchSize: 32, maxLength: 128, languages: ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt'] },
      adapters: true,
    }),
    categories: CategoriesSection.default({ enabled: true, model: null }),
    stakeholders: StakeholderOptionsSchema.default(DEFAULT_STAKEHOLDER_OPTIONS),
  })
  .superRefine((u, ctx) => {
    if (u.sentiment.backend === 'onnx' && u.sentiment.onnx.dir === null) {
      ctx.addIssue({ code: 'custom', path: ['sentiment', 'onnx', 'dir'], message: 'the onnx backend needs the directory of an exported model (see docs/transformer-backend.md)' });
    }
  })
  .describe('Understanding each mention: language, sentiment, categories, who speaks (docs/understanding.md).');

const SmtpSection = z
  .strictObject({
    host: text('a host name').nullable().default(null).describe('SMTP server for e-mail pages; null: no e-mail channel.'),
    port: intIn(1, 65535).default(587).describe('SMTP port (587 with STARTTLS, 465 with secure: true).'),
    secure: z.boolean().default(false).describe('Connect over TLS from the start (port 465); false upgrades with STARTTLS when offered.'),
    user: text('a user name').nullable().default(null).describe('SMTP user name; null: no authentication.'),
    password: text('a password').nullable().default(null).describe('SMTP password (env VIGIE_SMTP_PASSWORD).'),
    from: text('a sender such as "Vigie <alerts@example.com>"').nullable().default(null).describe('Sender of e-mail pages, "Vigie <alerts@example.com>".'),
  })
  .describe('E-mail pages over SMTP.');

const SmsSection = z
  .strictObject({
    baseUrl: text('an http(s) URL')
      .regex(/^https?:\/\//, { error: 'expected a URL starting with https:// (or http://)' })
      .default('https://api.twilio.com')
      .describe('Base URL of the Twilio-compatible SMS API.'),
    accountSid: text('an account SID').nullable().default(null).describe('Account SID of the SMS API; null: no SMS channel.'),
    authToken: text('an auth token').nullable().default(null).describe('Auth token of the SMS API (env VIGIE_SMS_AUTH_TOKEN).'),
    from: text('an E.164 number or a sender ID').nullable().default(null).describe('Sender of SMS pages: an E.164 number (+33612345678) or an alphanumeric sender ID.'),
  })
  .describe('SMS pages through a Twilio-compatible HTTP API.');

const AlertingSection = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Page people about signals: `vigie serve` runs the escalation engine and ingestion feeds it.'),
    file: text('a file path').nullable().default(null).describe('YAML file with users, schedules, channels, teams, policies, routing and alert options (docs/alerting.md).'),
    baseUrl: text('an http(s) URL')
      .regex(/^https?:\/\//, { error: 'expected a URL starting with https:// or http://' })
      .nullable()
      .default(null)
      .describe("Vigie's public URL, used in alert and acknowledgement links (https://vigie.example.com)."),
    ackSecret: text('a secret of at least 16 characters')
      .min(16, { error: 'expected at least 16 characters (generate one with: openssl rand -base64 32)' })
      .nullable()
      .default(null)
      .describe('Secret signing the one-click acknowledgement links (env VIGIE_ACK_SECRET).'),
    intervalMs: intIn(50, 60000).default(1000).describe('How often the engine looks for due escalation steps and deliveries, ms.'),
    smtp: SmtpSection.default({ host: null, port: 587, secure: false, user: null, password: null, from: null }),
    sms: SmsSection.default({ baseUrl: 'https://api.twilio.com', accountSid: null, authToken: null, from: null }),
  })
  .superRefine((a, ctx) => {
    if (!a.enabled) return;
    const need = (key: 'file' | 'baseUrl' | 'ackSecret', why: string): void => {
      if (a[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: `required when alerting.enabled is true: ${why}` });
    };
    need('file', 'the YAML file with users, schedules, teams, policies and routing (docs/alerting.md)');
    need('baseUrl', "Vigie's public URL for the links in pages");
    need('ackSecret', 'set it here or in VIGIE_ACK_SECRET (openssl rand -base64 32)');
    if (a.smtp.host !== null && a.smtp.from === null) ctx.addIssue({ code: 'custom', path: ['smtp', 'from'], message: 'required when smtp.host is set: the sender of e-mail pages' });
    if (a.sms.accountSid !== null) {
      if (a.sms.authToken === null) ctx.addIssue({ code: 'custom', path: ['sms', 'authToken'], message: 'required when sms.accountSid is set (or VIGIE_SMS_AUTH_TOKEN)' });
      if (a.sms.from === null) ctx.addIssue({ code: 'custom', path: ['sms', 'from'], message: 'required when sms.accountSid is set: the sender number or ID' });
    }
  })
  .describe('Alerting: paging people about signals (docs/alerting.md).');

/** The defaults of the alerting section. */
export const DEFAULT_ALERTING = {
  enabled: false,
  file: null,
  baseUrl: null,
  ackSecret: null,
  intervalMs: 1000,
  smtp: { host: null, port: 587, secure: false, user: null, password: null, from: null },
  sms: { baseUrl: 'https://api.twilio.com', accountSid: null, authToken: null, from: null },
};

/** A brand of the file; its listening queries must compile (the error points at the query). */
const BrandEntry = NewBrandSchema.strict().superRefine((brand, ctx) => {
  try {
    compileBrandQueries(brand);
  } catch (e) {
    if (!(e instanceof BrandQueryError)) throw e;
    const index = brand.queries.findIndex((q) => q.id === e.queryId);
    const why = e.cause instanceof Error ? e.cause.message : e.message;
    ctx.addIssue({ code: 'custom', path: index < 0 ? ['id'] : ['queries', index, 'text'], message: why });
  }
});

/** The whole configuration file. Every key is documented in docs/configuration.md. */
export const ConfigFileSchema = z
  .strictObject({
    workspace: WorkspaceSection.default({ id: DEFAULT_WORKSPACE, name: 'Default' }),
    dataDir: text('a directory path').default('./data').describe('Directory for local data (the SQLite file by default).'),
    store: StoreSection.default({ sqlitePath: null, databaseUrl: null }),
    http: HttpSection.default({ host: '127.0.0.1', port: 8080 }),
    log: LogSection.default({ level: 'info' }),
    retention: RetentionSection.default({ days: 90, intervalMinutes: 60 }),
    pipeline: PipelineSection.default({
      batchSize: 2000,
      allowedLatenessMs: 300000,
      influencerFollowers: 10000,
    }),
    detection: DetectionSection.default({
      bucketMinutes: 5,
      utcOffsetMinutes: 60,
      openScore: 0.5,
      closeScore: 0.25,
      calmBuckets: 6,
      minDecades: 4,
      fullDecades: 12,
      shareMinMentions: 8,
      reachMinRatio: 10,
      reachFloor: 10000,
      triggers: {
        categories: [...DEFAULT_TRIGGER_BURST_SETTINGS.categories],
        windows: [...DEFAULT_TRIGGER_BURST_SETTINGS.windows],
        minDecades: DEFAULT_TRIGGER_BURST_SETTINGS.minDecades,
        fullDecades: DEFAULT_TRIGGER_BURST_SETTINGS.fullDecades,
        minCount: DEFAULT_TRIGGER_BURST_SETTINGS.minCount,
        sentiments: [...DEFAULT_TRIGGER_BURST_SETTINGS.sentiments],
      },
      perBrand: {},
    }),
    understand: UnderstandSection.default({
      detectLanguage: true,
      sentiment: {
        backend: 'builtin',
        model: null,
        minConfidence: 0,
        onnx: { dir: null, batchSize: 32, maxLength: 128, languages: ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt'] },
        adapters: true,
      },
      categories: { enabled: true, model: null },
      stakeholders: DEFAULT_STAKEHOLDER_OPTIONS,
    }),
    alerting: AlertingSection.default(DEFAULT_ALERTING),
    brands: z
      .array(BrandEntry, { error: 'expected a list of brands' })
      .default([])
      .superRefine((brands, ctx) => {
        const seen = new Set<string>();
        brands.forEach((b, i) => {
          if (seen.has(b.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'duplicate brand id (another brand above has it)' });
          seen.add(b.id);
        });
      })
      .describe('Brands to watch, created at start when missing (existing brands are left as they are).'),
    sources: SourcesSection,
  })
  .describe('Vigie configuration.');

export type ConfigFile = z.output<typeof ConfigFileSchema>;
export type AlertingSettings = ConfigFile['alerting'];
export type LogLevel = (typeof LOG_LEVELS)[number];
