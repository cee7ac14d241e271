import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./App";
import { createApiClient } from "./common/api";
import { ApiProvider } from "./common/ApiContext";
import { LanguageProvider } from "./common/i18n";
import { QueryProvider } from "./common/query";
import { SessionProvider } from "./auth/session";
import "./common/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <ApiProvider client={createApiClient()}>
        <QueryProvider>
          <SessionProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </SessionProvider>
        </QueryProvider>
      </ApiProvider>
    </LanguageProvider>
  </StrictMode>,
);
