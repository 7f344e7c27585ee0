/**
 * The alert banner's requests: the caseload's open clinical alerts and the client list (for the
 * names shown beside them), both polled as background checks (`background`: the server does not
 * count them as activity, so the banner cannot keep an unattended session alive, and a 401 is
 * left to the app's session watch), and acknowledging one alert (the owner's own action).
 */
import type { ClinicalAlert } from '../../../src/server/domain/care.js';
import { api } from '../api';
import type { Client } from '../types';

const enc = encodeURIComponent;
const quiet = { background: true, authRedirect: false } as const;

export const openAlerts = () =>
  api.request<{ alerts: ClinicalAlert[] }>('GET', '/api/alerts?status=open', undefined, quiet);

export const caseloadClients = () =>
  api.request<{ clients: Client[] }>('GET', '/api/clients', undefined, quiet);

export const acknowledgeAlert = (id: string) =>
  api.request<{ alert: ClinicalAlert }>('POST', `/api/alerts/${enc(id)}/acknowledge`);
