import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, completeSignIn, endSession, onSessionEnded, resumeSession, setRequestLanguage, signIn as apiSignIn, signInWithPasskey, signOut as apiSignOut } from './api.ts';
import type { components } from './api/schema';
import type { Answer, Body } from './api/types.ts';
import { browserLanguage, isLanguage, type Language, loadFallback, loadLanguage, rememberedLanguage, rememberLanguage, translate, type Params, type Key } from './i18n.ts';

type MeDto = components['schemas']['MeDto'];

/** The signed-in person: `GET /api/v1/me` (MeDto of the generated schema), with the person's fields at the top. */
export interface Me {
  id: string;
  name: string;
  email: string;
  language: Language;
  roles: MeDto['roles'];
  isKerngroepChair: boolean;
  kerngroepSeat: MeDto['kerngroepSeat'];
  /** `isParty` is never sent (the API says `party`); it stays optional for pages that still read it */
  organisation: MeDto['organisation'] & { isParty?: boolean };
  activeNdas: MeDto['activeNdas'];
  /** the slugs of the modules the organisation takes part in */
  modules: string[];
}

export type Group = 'cso' | 'company' | 'party' | 'secretariat' | 'supporter';

/** Which user group's pages a person gets, from their organisation's kind (DOMAIN.md "Parties and people"). */
export function groupOf(me: Me): Group {
  switch (me.organisation.kind) {
    case 'ngo':
    case 'union':
    case 'local_partner':
      return 'cso';
    case 'company':
      return 'company';
    case 'secretariat':
      return 'secretariat';
    case 'branch_org':
      return 'party';
    default:
      return 'supporter';
  }
}

export const sitsInKerngroep = (me: Me) => Boolean(me.kerngroepSeat) || me.isKerngroepChair;

function meOf(dto: MeDto): Me {
  const { person } = dto;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    language: isLanguage(person.language) ? person.language : 'nl',
    roles: dto.roles,
    isKerngroepChair: dto.isKerngroepChair,
    kerngroepSeat: dto.kerngroepSeat,
    organisation: dto.organisation,
    activeNdas: dto.activeNdas,
    modules: dto.modules.map((m) => m.module),
  };
}

const fetchMe = async () => meOf(await api<Answer<'get', '/api/v1/me'>>('GET', '/me'));

interface SessionValue {
  me: Me | null;
  /** true while a reload asks the refresh cookie for the session (issue 14, item 7) */
  resuming: boolean;
  language: Language;
  /** counts the catalogs that arrived after the first paint (the English fallback): a change renders the pages again */
  catalogs: number;
  /** shows `l`; remembered in this browser unless `remember` is false (a page choosing for the person) */
  setLanguage: (l: Language, remember?: boolean) => void;
  t: (key: Key, params?: Params) => string;
  /** the password step; a person with a second factor gets `{ pendingToken }` and no session yet */
  signIn: (email: string, password: string) => Promise<{ pendingToken: string } | null>;
  /** the second step (code or recovery code), or a passkey alone (`proof` null) */
  signInSecondStep: (pendingToken: string | null, proof: { code?: string; recoveryCode?: string } | null) => Promise<void>;
  /** issue 17: a person the rule requires a second factor of who has none is led to enrol before anything else */
  enrolmentRequired: boolean;
  reloadSecondFactor: () => Promise<void>;
  signOut: () => Promise<void>;
  reloadMe: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The language the page starts in: the one chosen in this browser before, else the browser's (issue 14, item 6). */
export const initialLanguage = (): Language => rememberedLanguage() ?? browserLanguage();

/**
 * The language after sign-in: the one chosen in this browser; else the person's own when it is French or Spanish (a
 * local partner's, chosen with the invitation); else French or Spanish when the browser asks for it; else the
 * person's own language (issue 14, item 6).
 */
export function signedInLanguage(personLanguage: Language): Language {
  const browser = browserLanguage();
  const partner = (l: Language) => l === 'fr' || l === 'es';
  return rememberedLanguage() ?? (partner(personLanguage) ? personLanguage : partner(browser) ? browser : personLanguage);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [enrolmentRequired, setEnrolmentRequired] = useState(false);
  const loadSecondFactor = useCallback(async () => {
    const status = await api<Answer<'get', '/api/v1/me/second-factor'>>('GET', '/me/second-factor').catch(() => ({ enrolmentRequired: false }));
    setEnrolmentRequired(status.enrolmentRequired);
  }, []);
  const [resuming, setResuming] = useState(true);
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  // Shows `l` once its catalog is loaded. A choice in the switcher is remembered in this browser and, signed in,
  // stored as the person's language (PATCH /me), so it also wins at the next sign-in elsewhere.
  const applyLanguage = useCallback((l: Language, remember = false) => {
    if (remember) rememberLanguage(l);
    setRequestLanguage(l);
    void loadLanguage(l).then(() => setLanguageState(l));
  }, []);

  // A reload or a link from a mail: the HttpOnly refresh cookie brings the session back, if it is still live.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        if (!(await resumeSession())) return;
        const loaded = await fetchMe();
        await loadSecondFactor();
        if (cancelled) return;
        applyLanguage(signedInLanguage(loaded.language));
        setMe(loaded);
      } catch {
        endSession();
      } finally {
        if (!cancelled) setResuming(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [applyLanguage, loadSecondFactor]);

  const reloadMe = useCallback(async () => setMe(await fetchMe()), []);

  useEffect(
    () =>
      // No confidential data kept after sign-out: dropping `me` unmounts every signed-in page and its state.
      onSessionEnded(() => {
        setMe(null);
      }),
    [],
  );

  // the English fallback of a French or Spanish page arrives after the first paint; then the pages render again
  const [catalogs, setCatalogs] = useState(0);
  useEffect(() => {
    document.documentElement.lang = language;
    void loadFallback(language).then((loaded) => loaded && setCatalogs((n) => n + 1));
  }, [language]);

  const startSession = useCallback(async () => {
    try {
      const loaded = await fetchMe();
      await loadSecondFactor();
      applyLanguage(signedInLanguage(loaded.language)); // the person's own language, unless chosen here (issue 14, item 6)
      setMe(loaded);
    } catch (error) {
      endSession();
      throw error;
    }
  }, [applyLanguage, loadSecondFactor]);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      resuming,
      language,
      catalogs,
      setLanguage: (l, remember = true) => {
        applyLanguage(l, remember);
        // a choice in the switcher while signed in is also the person's language for mail (issue 14, item 6); the page
        // has switched already, so a failure here changes only what the next mail is written in
        if (remember && me && me.language !== l) {
          setMe({ ...me, language: l });
          void api('PATCH', '/me', { language: l } satisfies Body<'patch', '/api/v1/me'>).catch(() => undefined);
        }
      },
      t: (key, params) => translate(language, key, params),
      signIn: async (email, password) => {
        const pending = await apiSignIn(email, password);
        if (pending) return pending;
        await startSession();
        return null;
      },
      signInSecondStep: async (pendingToken, proof) => {
        if (proof && pendingToken) await completeSignIn(pendingToken, proof);
        else await signInWithPasskey();
        await startSession();
      },
      enrolmentRequired,
      reloadSecondFactor: loadSecondFactor,
      signOut: async () => {
        await apiSignOut().catch(() => undefined);
        setMe(null);
      },
      reloadMe,
    }),
    [me, resuming, language, reloadMe, applyLanguage, catalogs, enrolmentRequired, loadSecondFactor, startSession],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in person (only used on pages that render after sign-in). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a page without a signed-in person');
  return me;
}
