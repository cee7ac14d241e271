import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FormMessages, SubmitButton, text, useForm } from "./form";
import { StaffName, StaffNames, StaffPicker } from "./staff";
import { problem, renderApp, scriptedFetch, staffRoutes } from "./testing";

const noSession = { "POST /auth/refresh": () => problem(401, "No session") };

function PickerForm({ onSend }: { onSend: (username: string) => void }) {
  const form = useForm<"coordinator">({ fields: ["coordinator"] });
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(
        async (data) => onSend(text(data, "coordinator")),
        (data) => (text(data, "coordinator") ? {} : { coordinator: "Valitse koordinaattori." }),
      )}
    >
      <FormMessages form={form} />
      <StaffPicker
        form={form}
        name="coordinator"
        label="Koordinaattori"
        roles={["work_ability_coordinator", "business_coordinator"]}
        required
      />
      <SubmitButton submitting={form.submitting}>Lähetä</SubmitButton>
    </form>
  );
}

describe("the staff picker", () => {
  it("is a labelled select of names by role that sends the username", async () => {
    const user = userEvent.setup();
    const sent: string[] = [];
    renderApp(<PickerForm onSend={(username) => sent.push(username)} />, {
      fetch: scriptedFetch({ ...noSession, ...staffRoutes() }).fetch,
    });
    await screen.findByRole("option", { name: "Venla Työkykykoordinaattori (työkykykoordinaattori)" });
    const picker = screen.getByRole("combobox", { name: /Koordinaattori/ });
    const names = within(picker)
      .getAllByRole("option")
      .map((option) => option.textContent);
    // Coordinators only: no coach, no team lead; no usernames.
    expect(names).toEqual([
      "Valitse henkilö",
      "Bertta Yrityskoordinaattori (yrityskoordinaattori)",
      "Venla Työkykykoordinaattori (työkykykoordinaattori)",
      "Ville Työkykykoordinaattori (työkykykoordinaattori)",
    ]);

    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    expect(await screen.findByRole("combobox", { name: /Koordinaattori/ })).toHaveAccessibleDescription("Valitse koordinaattori.");
    expect(sent).toEqual([]);

    await user.selectOptions(picker, "Bertta Yrityskoordinaattori (yrityskoordinaattori)");
    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    expect(sent).toEqual(["bc1"]);
  });

  // A native select: the browser gives it its arrow keys; jsdom does not, so the choice is made
  // with selectOptions and the rest (focus order, Enter on the button) with the keyboard.
  it("is reached and sent with the keyboard", async () => {
    const user = userEvent.setup();
    const sent: string[] = [];
    renderApp(<PickerForm onSend={(username) => sent.push(username)} />, {
      fetch: scriptedFetch({ ...noSession, ...staffRoutes() }).fetch,
    });
    await screen.findByRole("option", { name: /Ville/ });
    const picker = screen.getByRole("combobox", { name: /Koordinaattori/ });
    await user.tab();
    expect(picker).toHaveFocus();
    await user.selectOptions(picker, "wac1");
    await user.tab();
    expect(screen.getByRole("button", { name: "Lähetä" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(sent).toEqual(["wac1"]);
  });
});

describe("names of people", () => {
  it("shows the display name, the words for the system's own actors, and the username only as a last resort", async () => {
    renderApp(
      <p>
        <StaffName username="wac1" />; <StaffName username="self-registration" />; <StaffNames usernames={["bc1", "gone1"]} />
      </p>,
      { fetch: scriptedFetch({ ...noSession, ...staffRoutes() }).fetch },
    );
    expect(await screen.findByText("Venla Työkykykoordinaattori; Itseilmoittautuminen; Bertta Yrityskoordinaattori, gone1")).toBeInTheDocument();
  });

  it("never shows a username while the directory is on its way", async () => {
    let answer: () => void = () => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    const routes = staffRoutes();
    renderApp(
      <p data-testid="names">
        <StaffName username="wac1" />
      </p>,
      {
        fetch: scriptedFetch({
          ...noSession,
          "GET /api/v1/staff": async (request) => {
            await held;
            return routes["GET /api/v1/staff"](request);
          },
        }).fetch,
      },
    );
    expect(screen.getByTestId("names")).toHaveTextContent("…");
    expect(screen.getByTestId("names")).not.toHaveTextContent("wac1");
    answer();
    expect(await screen.findByText("Venla Työkykykoordinaattori")).toBeInTheDocument();
  });
});
