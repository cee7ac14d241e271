import { useCallback, useState } from "react";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { MachineClientsSection } from "./MachineClientsSection";
import { adminMessages, type Announcement } from "./messages";
import { UsersSection } from "./UsersSection";
import "./admin.css";

export function AdminPage() {
  const t = useMessages(adminMessages);
  // One polite live region for the page: what was just saved, said once.
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const announce = useCallback((message: Announcement) => setAnnouncement(() => message), []);

  return (
    <div className="admin-scope">
      <PageHeading title={t.adminTitle}>{t.adminTitle}</PageHeading>
      <p className="lead">{t.adminIntro}</p>
      <p role="status" className="announcement">
        {announcement?.(t)}
      </p>
      <UsersSection announce={announce} />
      <MachineClientsSection announce={announce} />
    </div>
  );
}
