// Sources and settings: loaded from <data>/config.json (or the file given with --config), validated with the shared
// schemas, edited through the API and written back atomically. Secrets given on the command line are added to the
// default source in memory only, so they never land in a file the user did not ask for.
import fs from 'node:fs';
import path from 'node:path';
import {
  ConfigFileSchema,
  SettingsSchema,
  SourceConfigSchema,
  SourcesSchema,
  describeIssue,
} from '../../../shared/schemas.js';
import type { Settings, SourceConfig } from '../../../shared/domain.js';
import { describeUnknownKeys, unknownKeys } from './unknown-keys.js';
import { openSources, sealSources, type HeldSecret, type SecretCodec } from '../secrets/secret-codec.js';

export const CONFIG_FILE = 'config.json';

export function defaultSource(): SourceConfig {
  return SourceConfigSchema.parse({ name: 'default', path: '/' });
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export class Config {
  private sources: SourceConfig[];
  private settings: Settings;
  /** CLI secrets for the first source, kept out of the file. */
  private readonly extraSecrets: string[];

  private constructor(
    readonly file: string,
    sources: SourceConfig[],
    settings: Settings,
    extraSecrets: string[],
    /** The desktop app seals secrets at rest (services/secret-codec.ts); null writes them as given (0600). */
    private readonly codec: SecretCodec | null = null,
    /** Sealed secrets this process cannot open, written back unchanged. */
    private readonly held: HeldSecret[] = [],
  ) {
    this.sources = sources;
    this.settings = settings;
    this.extraSecrets = extraSecrets;
  }

  static load(options: {
    dataDir: string;
    configFile?: string | undefined;
    secrets?: string[] | undefined;
    secretCodec?: SecretCodec | undefined;
    /** The desktop app: a config with no saved tunnel settings yet starts with the public URL on (not written). */
    tunnelOnByDefault?: boolean | undefined;
  }): Config {
    const file = path.resolve(options.configFile ?? path.join(options.dataDir, CONFIG_FILE));
    let raw: unknown = {};
    if (fs.existsSync(file)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new ConfigError(unreadable(file, error as NodeJS.ErrnoException));
      }
      try {
        raw = text.trim() === '' ? {} : JSON.parse(text);
      } catch (error) {
        throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
      }
    } else if (options.configFile) {
      throw new ConfigError(`${file}: no such file`);
    }
    // A key no setting has would be dropped without a word (and its setting left at the default): refuse the file.
    const unknown = unknownKeys(ConfigFileSchema, raw);
    if (unknown.length) throw new ConfigError(`${file}: ${describeUnknownKeys(unknown)}`);
    if (options.tunnelOnByDefault) raw = withTunnelOn(raw);
    const parsed = ConfigFileSchema.safeParse(raw);
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error);
      throw new ConfigError(`${file}: ${field}: ${message}`);
    }
    const codec = options.secretCodec ?? null;
    const { sources, held } = openSources(parsed.data.sources ?? [defaultSource()], codec);
    return new Config(file, sources, parsed.data.settings, [...new Set(options.secrets ?? [])], codec, held);
  }

  /** Sources as the services use them: CLI secrets first on the first source. */
  getSources(): SourceConfig[] {
    return this.sources.map((source, index) =>
      index === 0 && this.extraSecrets.length
        ? { ...source, secrets: [...new Set([...this.extraSecrets, ...source.secrets])] }
        : source,
    );
  }

  /** Sources as stored in the file. */
  getStoredSources(): SourceConfig[] {
    return this.sources;
  }

  getSettings(): Settings {
    return this.settings;
  }

  /** Sealed secrets this process cannot open (kept in the file as they are). */
  get heldSecretCount(): number {
    return this.held.length;
  }

  /** Validates, stores and returns the new sources (already-parsed input). */
  setSources(sources: SourceConfig[]): void {
    SourcesSchema.parse(sources);
    this.sources = sources;
    this.save();
  }

  setSettings(settings: Settings): void {
    this.settings = SettingsSchema.parse(settings);
    this.save();
  }

  /** The source a request path belongs to: the longest matching path prefix, on a segment boundary. */
  matchSource(requestPath: string): SourceConfig {
    const sources = this.getSources();
    let best: SourceConfig | undefined;
    for (const source of sources) {
      if (!pathMatches(source.path, requestPath)) continue;
      if (!best || source.path.length > best.path.length) best = source;
    }
    return best ?? sources[0]!;
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const sources = sealSources(this.sources, this.codec, this.held);
    const body = JSON.stringify({ sources, settings: this.settings }, null, 2) + '\n';
    // 0600: the file holds signing secrets.
    fs.writeFileSync(temp, body, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

/** Why the config file cannot be read, and what to do. */
function unreadable(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'EISDIR') return `${file} is a folder, not a config file; move it away (Hookscope writes a new one) or pass --config <file>`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `${file}: permission denied; make it readable by you, or pass --config <file>`;
  return `${file}: cannot be read (${error.message})`;
}

/** Adds `settings.tunnel.enabled: true` when the file has no tunnel settings; anything else is left to the schema. */
function withTunnelOn(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const file = raw as { settings?: unknown };
  const settings = file.settings ?? {};
  if (!settings || typeof settings !== 'object' || Array.isArray(settings) || 'tunnel' in settings) return raw;
  return { ...file, settings: { ...settings, tunnel: { enabled: true } } };
}

export function pathMatches(prefix: string, requestPath: string): boolean {
  if (prefix === '/' || prefix === '') return true;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return requestPath === trimmed || requestPath.startsWith(`${trimmed}/`);
}
