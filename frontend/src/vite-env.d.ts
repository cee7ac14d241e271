/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The accessibility feedback address shown in the accessibility statement. */
  readonly VITE_ACCESSIBILITY_FEEDBACK_EMAIL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
