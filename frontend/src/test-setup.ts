import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  // Node-environment tests (the generated-types check) have no DOM to reset.
  if (typeof window === "undefined") return;
  cleanup();
  window.localStorage.clear();
  document.documentElement.lang = "fi";
});
