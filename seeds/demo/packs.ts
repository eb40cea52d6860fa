// Demo Panel packs (issue #14), both of 2016/17 and illustrative in their words: the February 2017 meeting's, as at P10
// (the precept meeting: the Panel's report on the 2017/18 proposal is dated 7 February 2017 in the demo precept), and
// the 28 March 2017 meeting's, as at P11 (the agenda pack in shared/seeds: decisions OPCC.D.013.17 and OPCC.D.014.17
// were signed in March, so they are "since the last meeting"). The commentary is written for the demo, not quoted.
import type { Knex } from 'knex'

interface DemoPack {
  period: number
  meeting: string
  body: string
  programmes: Record<string, string>
}

const FY = 2016

const PACKS: DemoPack[] = [
  {
    period: 10,
    meeting: '2017-02-07',
    body:
      'Spending is on budget at the end of January. The Body Worn Video cameras slipped from 2015/16 have been bought; ' +
      'their financing moved with them.\n\n' +
      'This meeting also scrutinises the proposed precept for 2017/18 and the section 25 statement.',
    programmes: {
      BWV: 'The 2015/16 slippage of £373,000 was spent in June 2016, as the revised profile planned.',
      VPC: 'Units opened as planned; the OPCC start-up grants are paid as each unit opens.',
    },
  },
  {
    period: 11,
    meeting: '2017-03-28',
    body:
      'Spending remains on budget at the end of February. Two decisions have been taken since the February meeting: ' +
      'the Mobile First integrated software (OPCC.D.013.17) and the OPCC website (OPCC.D.014.17), at no cost to the OPCC.',
    programmes: {
      'OPCC-WEB': 'Launched on 1 March 2017 as part of the Kent Police website contract: no cost to the OPCC.',
    },
  },
]

export async function seedPanelPacks(trx: Knex.Transaction): Promise<void> {
  const programmes = new Map(
    (await trx('programmes').select<{ id: number; code: string }[]>('id', 'code')).map((p) => [p.code, Number(p.id)]),
  )
  for (const pack of PACKS) {
    const [row] = await trx('pack_commentaries')
      .insert({ fy_start: FY, period: pack.period, meeting_date: pack.meeting, body: pack.body, illustrative: true })
      .returning<{ id: number }[]>('id')
    const id = Number(row?.id)
    for (const [code, body] of Object.entries(pack.programmes)) {
      const programmeId = programmes.get(code)
      if (programmeId === undefined) throw new Error(`demo packs: no programme ${code}`)
      await trx('programme_commentaries').insert({ pack_commentary_id: id, programme_id: programmeId, body })
    }
  }
}
