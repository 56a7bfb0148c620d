// Says, above everything, when Hookscope cannot do its job: the API refused this page (no token), the store is
// damaged (with the one button that moves it aside for a fresh one), or the disk is full (and that Delete all
// frees the space). The platforms are answered 503 meanwhile, so they retry.
import { useState } from 'react';
import type { Health } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { useToast } from './toast.js';

/** Always one element (empty when all is well): the app's grid has a row for it. */
export function StoreBanner({ paused, onResume, ...props }: { health: Health | null; error: string | null; paused: boolean; onResume: () => void }) {
  return (
    <div className="banner-slot">
      <Banner {...props} />
      {paused && (
        <div className="notice warn banner pause-banner" role="status" data-testid="pause-banner">
          <strong>Receiving is paused.</strong> Deliveries are answered 503 and the platforms retry them later (BuzzBip
          up to 5 times, Vobiz for up to 24 h); nothing is stored meanwhile.{' '}
          <button type="button" className="btn small" onClick={onResume}>
            Resume receiving
          </button>
        </div>
      )}
    </div>
  );
}

function Banner({ health, error }: { health: Health | null; error: string | null }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (error && !health) {
    return (
      <div className="notice bad banner" role="alert" data-testid="api-error">
        {error}
      </div>
    );
  }
  const store = health?.store;
  if (!store || store.state === 'ok') return null;
  const startFresh = async () => {
    setBusy(true);
    try {
      const { movedTo } = await api.startFreshStore();
      toast(`Moved the damaged file to ${movedTo}; this is a fresh store`);
    } catch (reason) {
      toast(describeError(reason).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`notice ${store.state === 'replacing' ? '' : 'bad'} banner`} role="alert" data-testid="store-status" data-state={store.state}>
      {store.state === 'replacing' ? 'Putting a fresh store in place…' : store.message}
      {store.state === 'damaged' && (
        <button type="button" className="btn small" style={{ marginLeft: 10 }} disabled={busy} onClick={() => void startFresh()}>
          Start a fresh store
        </button>
      )}
    </div>
  );
}
