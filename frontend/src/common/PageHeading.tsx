import { useEffect, type ReactNode } from "react";
import { useMessages } from "./i18n";
import { commonMessages } from "./messages";

/**
 * The page's one h1, which also names the browser tab (WCAG 2.4.2). It takes focus after
 * in-app navigation (see Layout) so screen readers announce the new page; tabIndex -1 lets
 * it take focus without entering the tab order.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const t = useMessages(commonMessages);
  useEffect(() => {
    document.title = `${title} – ${t.pageTitleSuffix}`;
  }, [title, t.pageTitleSuffix]);
  return (
    <h1 className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
