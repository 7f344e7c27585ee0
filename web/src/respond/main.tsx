/**
 * Entry of the client's questionnaire page (`/respond#<token>`, web/respond.html): a bundle of its
 * own, without the clinician app. The token is taken from the address's fragment before anything
 * renders and removed from the address bar at once; it lives only in this page's memory.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RespondApp, takeTokenFromAddress } from './RespondApp';
import './respond.css';

const first = takeTokenFromAddress();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RespondApp first={first} />
    </StrictMode>,
  );
}
