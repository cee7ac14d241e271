import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppRoutes } from "../App";
import { problem, renderApp, scriptedFetch } from "./testing";
import { LANGUAGE_STORAGE_KEY } from "./i18n";

const noSession = { "POST /auth/refresh": () => problem(401, "No session") };

describe("language switch", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("starts in Finnish even when the browser prefers English", async () => {
    vi.stubGlobal("navigator", { ...navigator, language: "en-US", languages: ["en-US", "en"] });
    renderApp(<AppRoutes />, { ...scriptedFetch(noSession), path: "/kirjaudu" });

    expect(await screen.findByRole("heading", { level: 1, name: "Kirjaudu Polkuun" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fi");
    expect(screen.getByRole("button", { name: "Suomi" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "false");
  });

  it("switches to English, sets <html lang> and remembers the choice", async () => {
    const user = userEvent.setup();
    renderApp(<AppRoutes />, { ...scriptedFetch(noSession), path: "/kirjaudu" });
    await screen.findByRole("heading", { level: 1, name: "Kirjaudu Polkuun" });

    await user.click(screen.getByRole("button", { name: "English" }));

    expect(screen.getByRole("heading", { level: 1, name: "Sign in to Polku" })).toBeInTheDocument();
    expect(screen.getByLabelText("Username")).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");

    await user.click(screen.getByRole("button", { name: "Suomi" }));
    expect(screen.getByRole("heading", { level: 1, name: "Kirjaudu Polkuun" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fi");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("fi");
  });

  it("uses a remembered English choice on the next visit", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    renderApp(<AppRoutes />, { ...scriptedFetch(noSession), path: "/kirjaudu" });

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to Polku" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
  });

  it("names the languages in themselves, marked with their own lang", async () => {
    renderApp(<AppRoutes />, { ...scriptedFetch(noSession), path: "/kirjaudu" });
    expect(await screen.findByRole("button", { name: "English" })).toHaveAttribute("lang", "en");
    expect(screen.getByRole("button", { name: "Suomi" })).toHaveAttribute("lang", "fi");
  });
});
