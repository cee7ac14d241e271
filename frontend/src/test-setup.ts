import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// The suite shares a 2-core machine with the services' tests; give answers time to arrive.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  // Node-environment tests (the generated-types check) have no DOM to reset.
  if (typeof window === "undefined") return;
  cleanup();
  window.localStorage.clear();
  document.documentElement.lang = "fi";
});
