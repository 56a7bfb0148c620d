// Makes the picked InspectorApi available to every component without threading it through props.
import { createContext, useContext, type ReactNode } from 'react';
import type { PickedApi } from './pick-api.js';

const ApiContext = createContext<PickedApi | null>(null);

export function ApiProvider({ value, children }: { value: PickedApi; children: ReactNode }) {
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): PickedApi['api'] {
  const picked = useContext(ApiContext);
  if (!picked) throw new Error('useApi outside ApiProvider');
  return picked.api;
}

export function usePickedApi(): PickedApi {
  const picked = useContext(ApiContext);
  if (!picked) throw new Error('usePickedApi outside ApiProvider');
  return picked;
}
