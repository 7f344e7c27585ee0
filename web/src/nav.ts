/** The browser side of the router: the current route as React state, navigation, a leave guard. */
import { useEffect, useState } from 'react';
import { parseRoute, routeHref, type Route } from './router';

type Guard = () => boolean;
let guard: Guard | null = null;
let lastHash = typeof window === 'undefined' ? '' : window.location.hash;

/** While set, leaving the current screen asks `guard()` first (unsaved changes). */
export function setLeaveGuard(g: Guard | null): void {
  guard = g;
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const hash = routeHref(route);
  if (window.location.hash === hash) return;
  if (opts.replace) {
    window.history.replaceState(null, '', hash);
    lastHash = hash;
    window.dispatchEvent(new Event('docscrib:route'));
  } else {
    window.location.hash = hash;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => {
      const hash = window.location.hash;
      if (hash !== lastHash && guard !== null && !guard()) {
        // stay: put the address back without another hashchange
        window.history.replaceState(null, '', lastHash === '' ? '#/' : lastHash);
        return;
      }
      lastHash = hash;
      setRoute(parseRoute(hash));
    };
    window.addEventListener('hashchange', update);
    window.addEventListener('docscrib:route', update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener('docscrib:route', update);
    };
  }, []);
  return route;
}
