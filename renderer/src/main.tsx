// Renderer entry: pick the transport (preload bridge or HTTP), then mount the inspector.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.js';
import { pickApi } from './api/pick-api.js';
import { App } from './app.js';
import { ToastProvider } from './components/toast.js';
import { applyTheme, rememberedTheme } from './lib/theme.js';
import './styles.css';

// Before the first paint: the theme of the last run (the settings confirm or change it once loaded).
applyTheme(rememberedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApiProvider value={pickApi()}>
      <ToastProvider>
        <App />
      </ToastProvider>
    </ApiProvider>
  </StrictMode>,
);
