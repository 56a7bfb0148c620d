// Renderer entry: pick the transport (preload bridge or HTTP), then mount the inspector.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.js';
import { pickApi } from './api/pick-api.js';
import { App } from './app.js';
import { ToastProvider } from './components/toast.js';
import './styles.css';

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
