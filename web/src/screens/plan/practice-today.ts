/**
 * Today in the practice's time zone (from the practice settings, read once per page load), so the
 * plan screens say "Review due" on the same day as the server's reminders. Until the settings
 * arrive (or when they cannot be read) it is the browser's date.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { todayInZone } from './plan-model';

let zone: Promise<string | null> | null = null;

function practiceZone(): Promise<string | null> {
  zone ??= api.settings().then(
    (r) => r.settings.timezone,
    () => null,
  );
  return zone;
}

/** `YYYY-MM-DD` today in the practice's time zone. */
export function usePracticeToday(): string {
  const [today, setToday] = useState(() => todayInZone(null));
  useEffect(() => {
    let live = true;
    void practiceZone().then((tz) => {
      if (live) setToday(todayInZone(tz));
    });
    return () => {
      live = false;
    };
  }, []);
  return today;
}
