// Settings → Appearance: the theme (follow the OS, or always light or dark), saved at once in the settings.
import { useState } from 'react';
import type { Settings } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';

const CHOICES = [
  { value: 'system', label: 'System (follow the OS)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

export function AppearanceSettings({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  // Shown chosen at once; back to the saved one if the save fails.
  const [chosen, setChosen] = useState<Settings['appearance']['theme'] | null>(null);
  const current = chosen ?? settings.appearance.theme;
  const choose = async (theme: Settings['appearance']['theme']) => {
    setError(null);
    setChosen(theme);
    try {
      onSaved(await api.putSettings({ appearance: { ...settings.appearance, theme } }));
    } catch (reason) {
      setError(describeError(reason).message);
    } finally {
      setChosen(null);
    }
  };
  return (
    <section className="card" aria-labelledby="appearance-title" data-settings-section="appearance">
      <h3 id="appearance-title">Appearance</h3>
      <fieldset className="segmented" aria-describedby={error ? 'appearance-error' : undefined}>
        <legend>Theme</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value}>
            <input type="radio" name="theme" value={choice.value} checked={current === choice.value} onChange={() => void choose(choice.value)} /> {choice.label}
          </label>
        ))}
      </fieldset>
      {error && <div className="field-error" id="appearance-error">{error}</div>}
    </section>
  );
}
