import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Route, Routes } from "react-router";
import type { Enrolment } from "../clients/api";
import { problem, renderApp, scriptedFetch, staffRoutes } from "../common/testing";
import { SendReferralForm } from "./SendReferralForm";

const enrolment = {
  id: "e1",
  client_id: "c1",
  service_line: "work_ability",
  state: "active",
  coordinators: [{ username: "wac1", role: "work_ability_coordinator" }],
} as unknown as Enrolment;

function renderSend(routes: Parameters<typeof scriptedFetch>[0] = {}) {
  const scripted = scriptedFetch({ "POST /auth/refresh": () => problem(401, "No session"), ...staffRoutes(), ...routes });
  renderApp(
    <Routes>
      <Route path="*" element={<SendReferralForm clientId="c1" enrolments={[enrolment]} allowHealth onDone={() => undefined} />} />
    </Routes>,
    { fetch: scripted.fetch },
  );
  return scripted;
}

describe("sending a referral", () => {
  it("asks for the kind, then for the addressee of a transfer", async () => {
    const user = userEvent.setup();
    renderSend();
    await user.click(await screen.findByRole("button", { name: "Lähetä lähete" }));
    expect(await screen.findByRole("combobox", { name: /Laji/ })).toHaveAccessibleDescription("Valitse lähetteen laji.");
    await user.selectOptions(screen.getByRole("combobox", { name: /Laji/ }), "transfer");
    await user.click(screen.getByRole("button", { name: "Lähetä lähete" }));
    expect(await screen.findByRole("combobox", { name: /Vastaanottaja/ })).toHaveAccessibleDescription(
      "Koordinaattori, jolle lähete menee. Valitse vastaanottaja.",
    );
  });

  it("says plainly which consent is missing when the service refuses", async () => {
    const user = userEvent.setup();
    renderSend({
      "POST /api/v1/referrals": () =>
        problem(422, "Unprocessable", {
          detail: "The client's consents do not cover this referral; missing: share_work_ability_summary.",
          code: "missing_consents",
          params: { purposes: ["share_work_ability_summary"] },
          errors: [
            { loc: ["body", "client_id"], msg: "Missing consent.", code: "missing_consent", params: { purpose: "share_work_ability_summary" } },
          ],
        }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Laji/ }), "transfer");
    await screen.findByRole("option", { name: /Bertta/ });
    await user.selectOptions(screen.getByRole("combobox", { name: /Vastaanottaja/ }), "bc1");
    await user.click(screen.getByRole("button", { name: "Lähetä lähete" }));
    expect(
      await screen.findByText(/Puuttuva suostumus: Työkykyyhteenvedon luovutus yrityskoordinaattorille\./),
    ).toBeInTheDocument();
  });
});
