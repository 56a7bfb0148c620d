// A short message at the bottom ("cURL copied", "Forwarded: 200"); one at a time, replaced by the next. A message
// may carry one action (Undo) and stay longer, until that action's time is up.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

const TOAST_MS = 2600;

export interface ToastAction {
  label: string;
  run: () => void;
  /** How long the message (and its action) stays; default TOAST_MS. */
  ms?: number;
}

type Show = (message: string, action?: ToastAction) => void;
const ToastContext = createContext<Show>(() => undefined);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ message: string; action: ToastAction | undefined } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback<Show>((message, action) => {
    setShown({ message, action });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setShown(null), action?.ms ?? TOAST_MS);
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {shown && (
          <div className="toast" data-testid="toast">
            <span>{shown.message}</span>
            {shown.action && (
              <button
                type="button"
                className="btn small"
                data-testid="toast-action"
                onClick={() => {
                  const action = shown.action!;
                  setShown(null);
                  action.run();
                }}
              >
                {shown.action.label}
              </button>
            )}
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Show {
  return useContext(ToastContext);
}
