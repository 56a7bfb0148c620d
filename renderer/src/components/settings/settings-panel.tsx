// Settings: sources (with secrets and how they are kept at rest), retention and body limit, tunnel. Saves through
// the API; its per-field validation errors are shown next to the field they name.
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { useEffect, useState } from 'react';
import type { Health, Settings, SourceConfig, TunnelStatus } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { useToast } from '../toast.js';
import { errorFor, Field, numberOrText } from './field.js';
import { SourceEditor } from './source-editor.js';
import { SourceReportCard } from './source-report.js';
import { TunnelSettings } from './tunnel-settings.js';
import { AppearanceSettings } from './appearance-settings.js';

type FieldError = { field: string | null; message: string } | null;

interface SettingsPanelProps {
  sources: SourceConfig[] | null;
  settings: Settings | null;
  tunnel: TunnelStatus | null;
  /** For the sentence on how secrets are kept at rest, and a command-line tunnel override. */
  health: Health | null;
  onSourcesSaved: (sources: SourceConfig[]) => void;
  onSettingsSaved: (settings: Settings) => void;
  onClose: () => void;
  /** Where to open: "source:<name>" (its secrets), "tunnel", or null (the top); `at` changes with each request. */
  focus?: { section: string | null; at: number };
}

// The schema's own defaults, so a new field needs no second copy here.
const NEW_SOURCE: SourceConfig = { ...SourceConfigSchema.parse({ name: 'new', path: '/' }), name: '' };

export function SettingsPanel({ sources, settings, tunnel, health, onSourcesSaved, onSettingsSaved, onClose, focus }: SettingsPanelProps) {
  const api = useApi();
  const toast = useToast();
  const [draftSources, setDraftSources] = useState<SourceConfig[]>(sources ?? []);
  const [draftSettings, setDraftSettings] = useState<Settings | null>(settings);
  const [sourceError, setSourceError] = useState<FieldError>(null);
  const [settingsError, setSettingsError] = useState<FieldError>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => setDraftSources(sources ?? []), [sources]);
  useEffect(() => setDraftSettings(settings), [settings]);
  useOpenAt(focus, draftSources.length > 0 && settings !== null);

  const saveSources = async () => {
    setSaving(true);
    setSourceError(null);
    try {
      onSourcesSaved(await api.putSources(draftSources));
      toast('Sources saved');
    } catch (error) {
      setSourceError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  const saveSettings = async () => {
    if (!draftSettings) return;
    setSaving(true);
    setSettingsError(null);
    try {
      // The tunnel card saves the tunnel group on its own; this form leaves it as saved.
      onSettingsSaved(await api.putSettings(settings ? { ...draftSettings, tunnel: settings.tunnel, appearance: settings.appearance } : draftSettings));
      toast('Settings saved');
    } catch (error) {
      setSettingsError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  const settingsField = (path: string) => errorFor(settingsError, `settings.${path}`) ?? errorFor(settingsError, path);
  const unplacedSourceError = sourceError && !/^sources\[\d+\]\./.test(sourceError.field ?? '') ? sourceError.message : null;

  return (
    <main className="settings" data-testid="settings" aria-label="Settings">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, maxWidth: 920 }}>
        <h2>Settings</h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Back to deliveries
        </button>
      </div>

      <h3>Sources</h3>
      {health?.secretStorage && (
        <p className={`notice${health.secretStorage.sealed ? '' : ' warn'}`} style={{ maxWidth: 920 }} data-testid="secret-storage" data-sealed={String(health.secretStorage.sealed)}>
          {health.secretStorage.detail}
        </p>
      )}
      {draftSources.map((source, index) => (
        <div key={index}>
          <SourceEditor
            source={source}
            index={index}
            error={sourceError}
            onChange={(next) => setDraftSources(draftSources.map((item, i) => (i === index ? next : item)))}
            onRemove={draftSources.length > 1 ? () => setDraftSources(draftSources.filter((_, i) => i !== index)) : null}
            reveal={() => api.revealSecrets()}
          />
          {sources?.some((saved) => saved.name === source.name) && <SourceReportCard name={source.name} />}
        </div>
      ))}
      {unplacedSourceError && <div className="field-error" style={{ marginBottom: 8 }}>{unplacedSourceError}</div>}
      <div className="actions" style={{ marginBottom: 24 }}>
        <button type="button" className="btn" onClick={() => setDraftSources([...draftSources, { ...NEW_SOURCE, name: `source-${draftSources.length + 1}`, path: `/source-${draftSources.length + 1}` }])}>
          Add source
        </button>
        <button type="button" className="btn primary" disabled={saving} onClick={saveSources}>
          Save sources
        </button>
      </div>

      {draftSettings && (
        <div className="card">
          <h3>Storage</h3>
          <div className="grid-2">
            <Field label="Keep at most (deliveries, 0 = unlimited)" error={settingsField('retention.maxCount')}>
              <input aria-label="Retention max count" inputMode="numeric" value={String(draftSettings.retention.maxCount)} onChange={(event) => setDraftSettings({ ...draftSettings, retention: { ...draftSettings.retention, maxCount: numberOrText(event.target.value) as number } })} />
            </Field>
            <Field label="Delete after (days, 0 = never)" error={settingsField('retention.maxAgeDays')}>
              <input aria-label="Retention max age" inputMode="numeric" value={String(draftSettings.retention.maxAgeDays)} onChange={(event) => setDraftSettings({ ...draftSettings, retention: { ...draftSettings.retention, maxAgeDays: numberOrText(event.target.value) as number } })} />
            </Field>
            <Field label="Largest body accepted (bytes)" error={settingsField('maxBodyBytes')}>
              <input aria-label="Max body bytes" inputMode="numeric" value={String(draftSettings.maxBodyBytes)} onChange={(event) => setDraftSettings({ ...draftSettings, maxBodyBytes: numberOrText(event.target.value) as number })} />
            </Field>
          </div>
          <ExtraSettings settings={draftSettings} error={settingsError} onChange={setDraftSettings} />
          {settingsError && !settingsField(settingsError.field?.replace(/^settings\./, '') ?? '') && (
            <div className="field-error">{settingsError.message}</div>
          )}
          <div className="actions" style={{ marginTop: 12 }}>
            <button type="button" className="btn primary" disabled={saving} onClick={saveSettings}>
              Save settings
            </button>
          </div>
        </div>
      )}

      {settings && <TunnelSettings settings={settings} tunnel={tunnel} health={health} onSaved={onSettingsSaved} />}
      {settings && <AppearanceSettings settings={settings} onSaved={onSettingsSaved} />}
    </main>
  );
}

/**
 * Opens the panel at the section asked for: scrolled to the top of it, with the keyboard in its first field (a
 * source's first secret, or "Add secret" when it has none), once that section has rendered.
 */
function useOpenAt(focus: SettingsPanelProps['focus'], ready: boolean): void {
  useEffect(() => {
    if (!focus?.section || !ready) return;
    const section = document.querySelector<HTMLElement>(`[data-settings-section="${CSS.escape(focus.section)}"]`);
    if (!section) return;
    section.scrollIntoView({ block: 'start' });
    const target = focus.section.startsWith('source:')
      ? (section.querySelector<HTMLElement>('input[aria-label="Secret 1"]') ?? section.querySelector<HTMLElement>('[data-add-secret]'))
      : section.querySelector<HTMLElement>('input, button');
    target?.focus({ preventScroll: true });
  }, [focus?.section, focus?.at, ready]);
}

/**
 * Settings groups this build has no dedicated form for (e.g. tunnel options added by a later version) are still
 * editable: booleans, numbers and strings of each nested object get a plain field.
 */
function ExtraSettings({ settings, error, onChange }: { settings: Settings; error: FieldError; onChange: (settings: Settings) => void }) {
  const record = settings as unknown as Record<string, unknown>;
  const groups = Object.entries(record).filter(([key, value]) => key !== 'retention' && key !== 'tunnel' && key !== 'appearance' && value && typeof value === 'object' && !Array.isArray(value));
  if (!groups.length) return null;
  return (
    <>
      {groups.map(([group, value]) => (
        <div key={group} style={{ marginTop: 12 }}>
          <h3 style={{ textTransform: 'capitalize' }}>{group}</h3>
          <div className="grid-2">
            {Object.entries(value as Record<string, unknown>).map(([key, current]) => {
              const fieldError = errorFor(error, `settings.${group}.${key}`) ?? errorFor(error, `${group}.${key}`);
              const update = (next: unknown) => onChange({ ...record, [group]: { ...(value as object), [key]: next } } as unknown as Settings);
              if (typeof current === 'boolean') {
                return (
                  <label key={key} className="inline-check">
                    <input type="checkbox" checked={current} onChange={(event) => update(event.target.checked)} /> {key}
                  </label>
                );
              }
              return (
                <Field key={key} label={key} error={fieldError}>
                  <input
                    aria-label={`${group} ${key}`}
                    value={current === null || current === undefined ? '' : String(current)}
                    onChange={(event) =>
                      update(typeof current === 'number' ? numberOrText(event.target.value) : event.target.value === '' && current === null ? null : event.target.value)
                    }
                  />
                </Field>
              );
            })}
          </div>
        </div>
      ))}
    </>
  );
}
