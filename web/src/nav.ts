/** The browser side of the router: the current route as React state, navigation, a leave guard. */
import { useEffect, useState } from 'react';
import { parseRoute, routeHref, type Route } from './router';

/**
 * Asked before the screen changes: true lets it change; false keeps the screen, and the guard
 * may call `proceed()` later (after its own in-page question) to go where the person wanted.
 * Never a blocking `window.confirm`: it would stop every timer, the idle sign-out's included,
 * and keep the note on screen for as long as nobody answers.
 */
type Guard = (proceed: () => void) => boolean;
let guard: Guard | null = null;
let lastHash = typeof window === 'undefined' ? '' : window.location.hash;

/** While set, leaving the current screen asks `guard()` first (unsaved changes). */
export function setLeaveGuard(g: Guard | null): void {
  guard = g;
}

/** Go to `hash` without asking the guard (it has asked already). */
function proceedTo(hash: string): void {
  guard = null;
  window.location.hash = hash;
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
      if (
        hash !== lastHash &&
        guard !== null &&
        !guard(() => {
          proceedTo(hash);
        })
      ) {
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
