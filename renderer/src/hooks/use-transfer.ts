// The one export, import, bulk forward or fixture in progress (or just finished): its progress from the services'
// 'progress' events, and what came of it, for the transfer bar under the list toolbar.
import { useCallback, useEffect, useState } from 'react';
import { usePickedApi } from '../api/api-context.js';

export interface Transfer {
  id: string;
  label: string;
  done: number;
  total: number | null;
  finished: boolean;
  /** The outcome in words, once finished. */
  message: string | null;
  tone: 'ok' | 'warn' | 'bad';
  /** A file the services wrote, and (HTTP) where the browser downloads it. */
  file: string | null;
  download: string | null;
}

export interface TransferControl {
  transfer: Transfer | null;
  start(label: string): string;
  finish(id: string, outcome: Pick<Transfer, 'message' | 'tone'> & Partial<Pick<Transfer, 'file' | 'download'>>): void;
  dismiss(): void;
}

let counter = 0;

export function useTransfer(): TransferControl {
  const { api } = usePickedApi();
  const [transfer, setTransfer] = useState<Transfer | null>(null);

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type !== 'progress') return;
        const { id, done, total } = event.progress;
        setTransfer((current) => (current && current.id === id && !current.finished ? { ...current, done, total } : current));
      }),
    [api],
  );

  const start = useCallback((label: string) => {
    counter += 1;
    const id = `ui-${Date.now().toString(36)}-${counter}`;
    setTransfer({ id, label, done: 0, total: null, finished: false, message: null, tone: 'ok', file: null, download: null });
    return id;
  }, []);

  const finish = useCallback<TransferControl['finish']>((id, outcome) => {
    setTransfer((current) =>
      current && current.id === id ? { ...current, finished: true, file: null, download: null, ...outcome } : current,
    );
  }, []);

  return { transfer, start, finish, dismiss: useCallback(() => setTransfer(null), []) };
}
