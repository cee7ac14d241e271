"""The small world most metrics tests share, with its figures worked out by hand.

Two coordinators: wac1 (work ability) and bc1 (business). Dates are 2026 Helsinki dates.
  E1 wac1  registered 2.3.  contacted 3.3.  met 5.3.   ended 1.6.  employed
  E2 wac1  registered 2.3.  contacted 12.3. (late: due 9.3.)  met 13.3.  ended 15.6. job_search
  E3 wac1  registered 1.4.  never contacted                 ended 3.4.  cancelled
  E4 wac1  registered 1.4.  contacted 2.4.  met 6.4.  transfer to bc1 sent 20.4., accepted
           22.4. (2 working days); ended 1.7. employed (so it counts for the business role)
  E5 wac1  registered 4.5.  contacted 5.5.  met 6.5.  ended 3.8. sick_leave, corrected
           afterwards to education (the correction must win)
  E6 bc1   registered 2.2.  contacted 3.2.  met 4.2.   ended 4.5.  stopped_contact (no exit form)
  E7 bc1   registered 2.2.  never contacted                 ended 2.3.  not_reached
  E8 bc1   registered 1.9.  contacted 2.9.  met 3.9.   still active
E1's end and E2's contact are each delivered twice. E1's client rates their work ability 5 on
5.3. and 7 on 1.6.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tests.metrics.world import Enrolment, World


def d(day: int, month: int) -> dt.date:
    return dt.date(2026, month, day)


@dataclass
class Pathways:
    e: dict[int, Enrolment]


async def build_pathways(world: World) -> Pathways:
    e: dict[int, Enrolment] = {}
    e[1] = await world.enrol("wac1", d(2, 3), birth_year=1990)
    await world.contact(e[1], d(3, 3))
    await world.first_meeting(e[1], d(5, 3))
    e[2] = await world.enrol("wac1", d(2, 3), birth_year=1960, municipality="Hollola")
    await world.contact(e[2], d(12, 3))
    await world.deliver_again()
    await world.first_meeting(e[2], d(13, 3))
    e[3] = await world.enrol("wac1", d(1, 4), birth_year=2000)
    await world.end(e[3], "cancelled", d(3, 4), exit_form=False)
    e[4] = await world.enrol("wac1", d(1, 4), birth_year=1985)
    await world.contact(e[4], d(2, 4))
    await world.first_meeting(e[4], d(6, 4))
    await world.review_plan(e[4], d(1, 4))
    await world.transfer(e[4], "bc1", "business_coordinator", sent_on=d(20, 4), on=d(22, 4))
    e[5] = await world.enrol("wac1", d(4, 5), birth_year=1995)
    await world.contact(e[5], d(5, 5))
    await world.first_meeting(e[5], d(6, 5))
    await world.review_plan(e[5], d(10, 5))
    e[6] = await world.enrol("bc1", d(2, 2), service_line="business", birth_year=1980)
    await world.contact(e[6], d(3, 2))
    await world.first_meeting(e[6], d(4, 2))
    e[7] = await world.enrol("bc1", d(2, 2), service_line="business", birth_year=1970)
    await world.end(e[7], "not_reached", d(2, 3), exit_form=False)
    await world.end(e[6], "stopped_contact", d(4, 5), exit_form=False)
    await world.end(e[1], "employed", d(1, 6))
    await world.deliver_again()
    await world.end(e[2], "job_search", d(15, 6))
    await world.end(e[4], "employed", d(1, 7))
    await world.end(e[5], "sick_leave", d(3, 8))
    e[8] = await world.enrol("bc1", d(1, 9), service_line="business", birth_year=1999)
    await world.contact(e[8], d(2, 9))
    await world.first_meeting(e[8], d(3, 9))
    await world.feedback(e[1], 9, d(1, 6))
    await world.feedback(e[2], 8, d(15, 6))
    await world.feedback(e[4], 10, d(1, 7))
    await world.feedback(e[5], 7, d(3, 8))
    # Labour-market status episodes for the official rate.
    await world.labour_market_status(e[1].client_id, "unemployed", d(1, 1), d(31, 5))
    await world.labour_market_status(e[1].client_id, "employed", d(1, 6))
    await world.labour_market_status(e[2].client_id, "unemployed", d(1, 1))
    await world.labour_market_status(e[4].client_id, "active_service", d(1, 4))
    await world.labour_market_status(e[5].client_id, "unemployed", d(1, 1))
    await world.labour_market_status(e[5].client_id, "active_service", d(4, 5), d(3, 8))
    await world.labour_market_status(e[6].client_id, "active_service", d(1, 1), d(31, 3))
    # E1's client assessed their work ability twice: 5, then 7.
    await world.self_assessment(e[1].client_id, 5, d(5, 3))
    await world.self_assessment(e[1].client_id, 7, d(1, 6))
    return Pathways(e)


async def correct_outcome(world: World, pathways: Pathways) -> None:
    """E5's outcome is corrected after the end: sick_leave → education."""
    await world.end(pathways.e[5], "education", d(3, 8))


async def build_employers(world: World) -> None:
    """Three employers and three leads, caught up.

    Emp1 F  prospect 10.1., activity by bc1 3.2., partner from 1.3.
    Emp2 G  prospect 10.1., activity by bc2 5.2.
    Emp3 G  prospect 10.1., partner from 1.2., inactive from 1.5.
    L1 (Emp1, bc1) received Mon 2.3. (due 5.3.), contacted 4.3., followed up 25.3., hired 1.4.
    L2 (Emp2, bc2) received 2.3., contacted 9.3. (late), closed no_hire 10.4.
    L3 (Emp3, bc1) received 4.5., not contacted
    """
    emp1 = await world.employer("F", d(10, 1))
    emp2 = await world.employer("G", d(10, 1))
    emp3 = await world.employer("G", d(10, 1))
    await world.employer_activity(emp1, d(3, 2), "bc1")
    await world.employer_activity(emp2, d(5, 2), "bc2")
    await world.employer_status(emp1, "F", "partner", d(1, 3))
    await world.employer_status(emp3, "G", "partner", d(1, 2))
    await world.employer_status(emp3, "G", "inactive", d(1, 5))
    lead1 = await world.lead(emp1, d(2, 3), "bc1", "F")
    await world.lead_contacted(lead1, d(4, 3), "bc1")
    await world.lead_followed_up(lead1, d(25, 3), "bc1")
    await world.lead_closed(lead1, "hired", d(1, 4), "bc1")
    lead2 = await world.lead(emp2, d(2, 3), "bc2", "G")
    await world.lead_contacted(lead2, d(9, 3), "bc2")
    await world.deliver_again()
    await world.lead_closed(lead2, "no_hire", d(10, 4), "bc2")
    await world.lead(emp3, d(4, 5), "bc1", "G")
    await world.catch_up()


async def build_placements(world: World, pathways: Pathways) -> None:
    """E8's client (bc1) is referred to an opening of Emp4 (private, N) on 7.9. and hired on
    1.10.; they attended Emp4's job fair on 10.9.; a wage-subsidised period there from 1.10.
    """
    e8 = pathways.e[8]
    emp4 = await world.employer("N", d(1, 9))
    opening = uuid.uuid4()
    referral = await world.job_referral(e8, opening, d(7, 9))
    await world.recruitment_event(d(10, 9), [emp4], [e8.client_id])
    await world.hire(referral, e8, emp4, opening, d(1, 10))
    await world.wage_subsidy_period(e8, emp4, d(1, 10))
    await world.catch_up()
