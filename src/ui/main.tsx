import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>LVS Lab</h1>
      <p>How Linux Virtual Server moves a request in NAT, DR and TUN modes, hop by hop.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
