import { defineMessages } from "../common/i18n";

export const authMessages = defineMessages({
  fi: {
    signInTitle: "Kirjaudu Polkuun",
    signInIntro: "Polku on työllisyyspalvelujen asiakastyön järjestelmä. Kirjaudu henkilöstön käyttäjätunnuksella.",
    username: "Käyttäjätunnus",
    password: "Salasana",
    submit: "Kirjaudu sisään",
    submitting: "Kirjaudutaan…",
    errorSummaryTitle: "Korjaa seuraavat kohdat",
    usernameRequired: "Anna käyttäjätunnus.",
    passwordRequired: "Anna salasana.",
    signInFailedTitle: "Kirjautuminen ei onnistunut",
    wrongCredentials: "Käyttäjätunnus tai salasana on väärin.",
    tooManyAttempts: (seconds: number | null) =>
      seconds === null
        ? "Liian monta kirjautumisyritystä. Odota hetki ja yritä uudelleen."
        : `Liian monta kirjautumisyritystä. Yritä uudelleen ${seconds} s kuluttua.`,
    serviceUnavailable: "Palvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
    networkError: "Yhteyttä palvelimeen ei saatu. Tarkista verkkoyhteys ja yritä uudelleen.",
    unexpectedError: (status: number) => `Kirjautuminen epäonnistui odottamattomasti (virhe ${status}).`,
    signedOutNotice: "Olet kirjautunut ulos.",
    sessionExpiredNotice: "Istuntosi päättyi. Kirjaudu uudelleen.",
    meTitle: "Minä",
    meIntro: "Tiedot, joilla olet kirjautunut Polkuun.",
    meUsername: "Käyttäjätunnus",
    meName: "Nimi",
    meRoles: "Roolit",
    meScopes: "Käyttöoikeudet (scopes)",
    meNoScopes: "Ei erillisiä käyttöoikeuksia.",
    meNoRoles: "Ei rooleja.",
  },
  en: {
    signInTitle: "Sign in to Polku",
    signInIntro: "Polku is the case-management system of the employment services. Sign in with your staff username.",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    errorSummaryTitle: "Please correct the following",
    usernameRequired: "Enter your username.",
    passwordRequired: "Enter your password.",
    signInFailedTitle: "Sign-in failed",
    wrongCredentials: "The username or password is wrong.",
    tooManyAttempts: (seconds: number | null) =>
      seconds === null
        ? "Too many sign-in attempts. Wait a moment and try again."
        : `Too many sign-in attempts. Try again in ${seconds} s.`,
    serviceUnavailable: "The service is not answering right now. Try again in a moment.",
    networkError: "Could not reach the server. Check the network connection and try again.",
    unexpectedError: (status: number) => `Sign-in failed unexpectedly (error ${status}).`,
    signedOutNotice: "You have signed out.",
    sessionExpiredNotice: "Your session ended. Please sign in again.",
    meTitle: "Me",
    meIntro: "The details you are signed in to Polku with.",
    meUsername: "Username",
    meName: "Name",
    meRoles: "Roles",
    meScopes: "Scopes",
    meNoScopes: "No separate scopes.",
    meNoRoles: "No roles.",
  },
});
