import Foundation
import MigrationKit

// Planning benchmark: plans and earliest-go-live searches per second over random go-live
// days, next to a baseline loop of plain `Day` arithmetic measured in the same run.
// Run from a release build: swift run -c release cutover-bench [rounds]

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
let planCount = 100_000
let searchCount = 5_000
let first = try! Day(parsing: "2020-01-01")
var random = SplitMix64(seed: 42)
let goLives = (0..<planCount).map { _ in first + Int.random(in: 0..<(20 * 365), using: &random) }
let blackouts = [Blackout(range: try! DayRange(first + 200, first + 214), reason: "closure")]
let planner = Planner(calendar: WorkingCalendar(blackouts: blackouts))
var sink = 0

var baseline: [Double] = [], plans: [Double] = [], searches: [Double] = []
for _ in 0..<rounds {
    // Baseline: the weekday and a few day steps for each go-live, the arithmetic a plan is made of.
    baseline.append(seconds {
        for day in goLives {
            var d = day
            for _ in 0..<30 { d = d - 1; sink &+= d.weekday.rawValue }
        }
    })
    plans.append(seconds {
        for day in goLives { sink &+= Int(planner.plan(goLive: day).deadlines[0].due.daysSinceEpoch) }
    })
    searches.append(seconds {
        for day in goLives.prefix(searchCount) { sink &+= Int(planner.earliestFeasibleGoLive(from: day)?.daysSinceEpoch ?? 0) }
    })
}

let baselineRate = Double(planCount) / median(baseline)
let planRate = Double(planCount) / median(plans)
let searchRate = Double(searchCount) / median(searches)
func format(_ value: Double) -> String { String(format: "%.0f", value) }
print("rounds: \(rounds) (medians shown)")
print("baseline   \(format(baselineRate)) go-live days/s (30 Day steps each), \(String(format: "%.3f", 1e6 / baselineRate)) µs each")
print("plan       \(format(planRate)) plans/s, \(String(format: "%.2f", 1e6 / planRate)) µs each, \(String(format: "%.1f", baselineRate / planRate))× the baseline")
print("earliest   \(format(searchRate)) searches/s, \(String(format: "%.1f", 1e6 / searchRate)) µs each, \(String(format: "%.1f", baselineRate / searchRate))× the baseline")
if sink == 42 { print("") } // keeps the optimiser from dropping the work
