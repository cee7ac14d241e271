import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./App";
import { createApiClient } from "./common/api";
import { ApiProvider } from "./common/ApiContext";
import { LanguageProvider } from "./common/i18n";
import { SessionProvider } from "./auth/session";
import "./common/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <ApiProvider client={createApiClient()}>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </ApiProvider>
    </LanguageProvider>
  </StrictMode>,
);
