import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { setRequestLanguage } from './api.ts';
import { loadLanguage } from './i18n.ts';
import { initialLanguage, SessionProvider } from './session.tsx';
import './styles.css';

// the first paint already speaks the page's language: its catalog is loaded first
const language = initialLanguage();
setRequestLanguage(language);
await loadLanguage(language);
document.documentElement.lang = language;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
