// The dashboard's entry: pick the transport (the Electron preload, or the web one of `picket serve`) and
// render the app over it. Everything below App talks to the engine only through the contract.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { chooseClient, restartOnNewToken } from './transport/choose-client.ts';

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html: the #root element is missing');
if (!window.picket) restartOnNewToken(window);
createRoot(container).render(
  <StrictMode>
    <App client={chooseClient(window)} />
  </StrictMode>,
);
