import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, problem, renderApp, scriptedFetch, staffRoutes } from "../common/testing";
import { LANGUAGE_STORAGE_KEY } from "../common/i18n";
import { useHttp } from "../common/query";
import type { ReferralDetail } from "./api";
import { JobReferralActions } from "./JobReferralActions";

const referral = {
  id: "r1",
  kind: "job",
  client_id: "c1",
  client_name: null,
  from_user: "bc1",
  to_user: null,
  opening_id: "o1",
  status: "accepted",
  stage: "presented",
  viewer_answers: true,
  effects: [],
  summary: [],
  history: [],
} as unknown as ReferralDetail;

function Actions({ shown, done }: { shown: ReferralDetail; done: string[] }) {
  const http = useHttp();
  return (
    <JobReferralActions
      referral={shown}
      http={http}
      busy={false}
      act={async (action, message) => {
        await action();
        done.push(message);
      }}
    />
  );
}

function renderActions(shown: ReferralDetail) {
  const done: string[] = [];
  const scripted = scriptedFetch({
    "POST /auth/refresh": () => problem(401, "No session"),
    ...staffRoutes(),
    "POST /api/v1/referrals/r1/stage": () => json({ ...shown, stage: "interview" }),
    "POST /api/v1/referrals/r1/complete": () => json({ ...shown, status: "completed", result: "hired" }),
  });
  renderApp(<Actions shown={shown} done={done} />, { fetch: scripted.fetch });
  return { scripted, done };
}

describe("a job referral's actions", () => {
  it("lets the one who answers record the stage and the hire, in Finnish", async () => {
    const user = userEvent.setup();
    const { scripted, done } = renderActions(referral);
    expect(screen.getByRole("heading", { level: 2, name: "Rekrytoinnin eteneminen" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Esitelty työnantajalle" })).toHaveAttribute("aria-pressed", "true");
    await user.click(screen.getByRole("button", { name: "Haastattelussa" }));
    const stageCall = scripted.calls.find((call) => call.url.endsWith("/api/v1/referrals/r1/stage"));
    expect(await stageCall?.json()).toEqual({ stage: "interview" });
    await user.click(screen.getByRole("button", { name: "Palkattu" }));
    const completeCall = scripted.calls.find((call) => call.url.endsWith("/api/v1/referrals/r1/complete"));
    expect(await completeCall?.json()).toEqual({ result: "hired" });
    expect(screen.getByRole("button", { name: "Ei palkattu" })).toBeInTheDocument();
    expect(done).toEqual(["Vaihe kirjattu: Haastattelussa.", "Palkkaus kirjattu."]);
  });

  it("says the same in English", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    try {
      renderActions(referral);
      expect(screen.getByRole("heading", { level: 2, name: "Recruitment progress" })).toBeInTheDocument();
      expect(screen.getByRole("group", { name: "Stage with the employer" })).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Presented to the employer" })).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "At interview" })).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Hired" })).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Not hired" })).toBeInTheDocument();
    } finally {
      localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    }
  });

  it("offers the result only after the referral is accepted", () => {
    renderActions({ ...referral, status: "sent", stage: null });
    expect(screen.getByRole("button", { name: "Esitelty työnantajalle" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.queryByRole("button", { name: "Palkattu" })).not.toBeInTheDocument();
  });

  it("shows nothing to someone who does not answer it, or once it has ended", () => {
    const { scripted } = renderActions({ ...referral, viewer_answers: false });
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(scripted.calls.filter((call) => call.url.includes("/referrals/"))).toEqual([]);
  });

  it("shows nothing on an ended referral", () => {
    renderActions({ ...referral, status: "completed" });
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
