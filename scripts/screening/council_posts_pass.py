"""Ordinary Stalbridge Town Council posts that must pass screening (dev split).

Hand-written, plus a few templates filled with local roads, dates and venues for variety.
"""

import itertools

HAND = [
    "Reminder: black bin collections move to Saturday this week because of the bank holiday. Please have bins out by 7am.",
    "Garden waste collections restart on Monday 3 March. Subscriptions can be renewed on the Dorset Council website.",
    "Our Christmas tree recycling points are open at the Recreation Ground car park until 20 January.",
    "Bulky waste collections can be booked through Dorset Council. Please do not leave items on the pavement.",
    "The recycling centre at Sherborne is closed on Christmas Day, Boxing Day and New Year's Day.",
    "Fly-tipping is a crime and spoils our countryside. If you see it, report it to Dorset Council with the location and a photo.",
    "Please bag and bin your dog's mess. Extra dog bins have been installed along the Trailway.",
    "Full Council meets on Tuesday 14 May at 7pm in the Town Hall. The agenda is on our website and members of the public are welcome.",
    "The Planning Committee will meet on Thursday at 6.30pm. Residents may speak on any application during public participation.",
    "Minutes of the Finance Committee meeting held on 2 April are now available on the council website.",
    "The Annual Town Meeting is on 22 April at 7pm. Come and hear what the Council has done this year and ask questions.",
    "Notice of conclusion of audit for the year ended 31 March is now published on the noticeboard and website.",
    "Planning application P/HOU/2024/01234: single-storey rear extension at 14 Barrow Hill. Comments by 30 May via Dorset Council.",
    "Planning application P/FUL/2024/00871: change of use of the former bank on High Street to a cafe. Comments close on 12 June.",
    "The Neighbourhood Plan steering group meets next Wednesday. New members are always welcome.",
    "Consultation: tell us what you think about the proposed new play equipment at the Recreation Ground. Survey open until 30 June.",
    "We are consulting on the draft Neighbourhood Plan. Paper copies are available in the library and the Town Hall.",
    "Have your say on the future of the public toilets in Station Road. Drop-in session on Saturday from 10am to 12 noon.",
    "Road closure: Gold Street will be closed from 8 to 10 July for resurfacing. Diversion via Ring Street and the A357.",
    "Wessex Water are working on Station Road next week. Temporary traffic lights will be in place from 9.30am to 3.30pm.",
    "The A357 will be closed overnight between Stalbridge and Sturminster Newton on 4 and 5 March for gully cleaning.",
    "Please take care on Thornhill Road where the verge has collapsed. Dorset Highways have been informed and cones are in place.",
    "Potholes can be reported online to Dorset Highways. Please include a photo and the nearest house number or landmark.",
    "Met Office yellow warning for snow and ice from 6pm tonight. Please check on elderly neighbours and take care on the roads.",
    "Amber weather warning for wind on Friday. Secure garden furniture and bins and avoid travel if you can.",
    "Flood alert for the River Stour. Sandbags are available from the council depot on Station Road while stocks last.",
    "Heatwave advice: drink plenty of water, keep curtains closed in the hottest part of the day and look out for vulnerable neighbours.",
    "Grit bins have been refilled on Barrow Hill, Church Hill and Cook's Lane ahead of the cold snap.",
    "The Stalbridge Christmas lights switch-on is on Friday 29 November at 5pm in the Market Square, with carols and mince pies.",
    "Join us for the Remembrance Sunday parade. We gather at the Market Cross at 10.30am for the service at the war memorial at 11am.",
    "The Mayor, Cllr Sarah Jones, will lay a wreath on behalf of the town at the war memorial on Sunday.",
    "The Summer Fun Day is on Saturday 20 July on the Recreation Ground from 12 to 5pm. Free entry, bouncy castle, dog show and cake stall.",
    "Stalbridge Scarecrow Festival is back! Vote for your favourite scarecrow at the Town Hall before Sunday.",
    "The Farmers' Market is in the Market Square on the first Saturday of each month from 9am to 1pm.",
    "Would you like a stall at the Christmas Market? Pitches cost £15 and can be booked through the Town Council office.",
    "Tickets for the Town Council's Fireworks Night are £5 for adults and free for under-12s, available from the Town Hall.",
    "Hall hire: the Town Hall main room is available from £12 per hour for community groups. Call the office on 01963 362000 to book.",
    "Allotment rents for the coming year are £35 for a full plot and £20 for a half plot. Invoices will be sent in September.",
    "We have two vacant allotment plots at Thornhill. Contact the Clerk if you would like to go on the waiting list.",
    "Cemetery maintenance: grass cutting in the cemetery will take place on Monday. Please remove any loose items from graves.",
    "The new defibrillator outside the Town Hall is now registered with The Circuit and available 24 hours a day.",
    "Free CPR and defibrillator awareness session in the Town Hall on 18 March at 7pm. All welcome, no need to book.",
    "The play area at the Recreation Ground will be closed on Tuesday while the safety surface is replaced.",
    "The new skate park is open! Please use it responsibly and take your litter home.",
    "Thank you to everyone who came to the litter pick on Saturday. Forty-two bags of rubbish were collected.",
    "Thank you to Sarah Hughes and the Stalbridge in Bloom volunteers for the beautiful hanging baskets on the High Street.",
    "Congratulations to the Stalbridge Youth Football Club on winning the league this season!",
    "Welcome to our new Assistant Clerk, Tom Baker, who starts on Monday. Tom will look after our allotments and bookings.",
    "Vacancy: the Town Council is recruiting a part-time groundsperson, 16 hours per week. Closing date 28 February.",
    "There is a casual vacancy for a councillor in the Stalbridge ward. Electors can request an election by writing to the Returning Officer.",
    "Register to vote: if you have moved house recently, make sure you are registered so you can vote in May.",
    "Polling stations will be open from 7am to 10pm on Thursday 1 May. Remember to bring photo ID.",
    "The notice of election for the Town Council elections has been published on the noticeboard and the Dorset Council website.",
    "The statement of persons nominated for Stalbridge Town Council is now available on the Dorset Council website.",
    "Postal vote applications must reach the Electoral Registration Officer by 5pm on 15 April.",
    "Our police surgery with PCSO Dave Martin is on Friday at 10am in the library. Drop in with any concerns.",
    "Dorset Police are warning residents about courier fraud. Your bank will never ask you to hand over your card or cash.",
    "Beware of doorstep callers offering cheap roof repairs. Always get three quotes and check with Trading Standards.",
    "Scam alert: fake messages claiming to be from the DVLA are circulating. Do not click on links asking for your bank details.",
    "The library is open Tuesday and Thursday 10am to 4pm and Saturday 10am to 12 noon. Free Wi-Fi and computer access.",
    "Book start: rhyme time for babies and toddlers every Wednesday at 10.30am in the library.",
    "The number 309 bus timetable changes from 1 September. New timetables are available at the Town Hall.",
    "Community bus: the Stalbridge Link runs to Sherborne every Tuesday. Book your seat the day before.",
    "Warm space: the Town Hall is open every Monday afternoon this winter with free tea, coffee and company.",
    "Cost of living support: the Dorset Household Support Fund can help with food and energy bills. Contact Citizens Advice for details.",
    "The Stalbridge Foodbank collection point is at the Co-op. Tinned vegetables and toiletries are most needed this month.",
    "Community grants: local groups can apply for up to £500 from the Town Council. Applications close on 31 October.",
    "The Town Council has awarded grants to the Stalbridge Festival, the Youth Club and the Bowls Club this year.",
    "Street light out? Report it with the column number to Dorset Council's street lighting team.",
    "Grass cutting on the verges will start next week. Wildflower areas will be left uncut until September for pollinators.",
    "New bird boxes have been put up in the churchyard. Blue tits and great tits are already nesting!",
    "The Stalbridge Lunch Club meets on Thursdays. This week it's roast chicken followed by spotted dick and custard.",
    "Panto season! Stalbridge Players present Dick Whittington at the Town Hall on 10 to 12 January. Tickets from the box office.",
    "Congratulations to Stalbridge Bowls Club, who beat Penistone in the national club competition.",
    "A reminder that the Town Hall car park is for permit holders only on weekdays.",
    "Market Square parking will be suspended on Saturday for the Farmers' Market.",
    "We are pleased to support Pride Month. Everyone is welcome in Stalbridge.",
    "Join us for a community iftar at the Town Hall on Friday evening, hosted with local Muslim families. Everyone is welcome.",
    "Holocaust Memorial Day: a short service of remembrance will be held at the war memorial on 27 January.",
    "Black History Month talk at the library: the story of Dorset's Black Georgians. Free, all welcome.",
    "Dementia-friendly coffee morning at the Town Hall on the last Friday of each month. Carers welcome too.",
    "The Town Hall has step-free access and a hearing loop. Please tell us if you need any other adjustments.",
    "Wheelchair users can now reach the riverside path thanks to the new accessible gate at the Trailway entrance.",
    "Free sessions for older people: chair-based exercise every Tuesday at 2pm in the Town Hall.",
    "Breastfeeding mothers are welcome in the Town Hall and library at any time.",
    "Our Youth Council meets on the first Monday of the month. Young people aged 11 to 18 are welcome to join.",
    "The Town Council has agreed its budget for next year. The precept will rise by 2 per cent, about 4p a week for a Band D home.",
    "The council tax precept for next year has been set. You can read the budget papers on our website.",
    "The Council has installed two new benches on the Trailway, paid for by the Community Infrastructure Levy.",
    "The war memorial has been cleaned and the names re-lettered, with support from the War Memorials Trust.",
    "Works to repair the Market Cross steps will start on 4 June and take about two weeks.",
    "Tree works: a dead ash tree on the Recreation Ground will be felled on Wednesday for safety reasons.",
    "Ash dieback survey: contractors will be inspecting trees along Pile Lane this week.",
    "Water supply interruption in the Gold Street area this afternoon. Wessex Water expect supplies back by 6pm.",
    "Power cut: UK Power Networks are working to restore supplies to homes in Thornhill. Call 105 for updates.",
    "NHS: the Stalbridge Surgery flu clinic is on Saturday 5 October. Appointments can be booked through the NHS App.",
    "Covid and flu vaccinations for eligible residents are available at Sherborne Pharmacy. Check the NHS website for eligibility.",
    "Mental health support: if you are struggling, you can call Samaritans free on 116 123 at any time.",
    "The Citizens Advice outreach service is at the library every second Thursday. Free, confidential advice.",
    "Lost property: a set of keys was handed in at the Town Hall. Call the office to describe and collect them.",
    "Found: a black and white cat near the Recreation Ground. Contact the Town Hall if it's yours.",
    "The public toilets in Station Road are closed for repairs until Friday. We apologise for the inconvenience.",
    "Thank you to the Stalbridge Community Trust for organising the Jubilee picnic. What a wonderful day!",
    "Twinning: our friends from Vimoutiers visit next month. Host families are still needed for two couples.",
    "Stalbridge Walking Festival: guided walks every weekend in September. Booking is free but places are limited.",
    "Can you help? We need volunteers to steward the carnival procession on 14 September.",
    "The Town Council's office will be closed from 24 December and will reopen on 2 January.",
    "Happy New Year from everyone at Stalbridge Town Council!",
    "Merry Christmas and a peaceful New Year to all our residents.",
    "Wishing our Hindu and Sikh neighbours a happy Diwali.",
    "Eid Mubarak to everyone celebrating in Stalbridge today.",
    "Today we mark International Women's Day and celebrate the women who keep our community running.",
    "The Town Council has signed the Armed Forces Covenant. Veterans can find support through the Royal British Legion.",
    "The speed indicator device on Station Road recorded over 2,000 vehicles last week. Please keep to 30mph.",
    "Community Speed Watch volunteers will be out on the A357 this month. Please slow down.",
    "Dog walkers: please keep dogs on leads near livestock on the footpaths around the town.",
    "Footpath N4/12 near Stalbridge Weston is temporarily closed while a stile is replaced.",
    "Rights of way: report a blocked footpath to Dorset Council's countryside team.",
    "We have been awarded funding for a new community orchard. Planting day is Saturday 30 November — bring a spade!",
    "The Christmas lights need new volunteers to help put them up. No experience needed, just a head for heights.",
    "Help shape our new community plan: fill in the survey at the library or online by the end of the month.",
    "The Stalbridge in Bloom judges visit on 8 July. Please help by keeping frontages tidy and weed-free.",
    "Bonfire safety: please check bonfires for hedgehogs before lighting them.",
    "We are sorry to report that the bus shelter on High Street has been damaged. Repairs have been ordered.",
    "Police are appealing for witnesses after a car was broken into on Ring Street overnight. Call 101 quoting crime number 55240012345.",
    "The Annual Parish Meeting is not a council meeting: it is a meeting of the electors of the parish. Everyone is welcome.",
    "Did you know? The Town Council looks after the cemetery, allotments, recreation ground, public toilets and the Town Hall.",
    "Our annual report is now available. It sets out what we spent and what we achieved this year.",
    "The Town Council's grant to Citizens Advice will fund an extra advice session each month.",
    "Kill two birds with one stone: renew your garden waste permit and book a bulky collection in one visit to the Dorset Council site.",
    "The knitting group's poppy display is now up on the Market Cross. Thank you to everyone who knitted a poppy.",
    "New opening hours for the Town Hall office: Monday to Thursday, 9.30am to 12.30pm.",
    "The hedgerow along Pile Lane will be cut in February, outside the bird nesting season.",
    "A reminder that bonfires on allotments are only allowed before 10am and after 6pm.",
    "Bring your old batteries and small electricals to the recycling collection at the Town Hall on Saturday.",
    "Stalbridge Carnival raised £3,200 for local charities this year. Thank you to everyone who took part.",
    "Guided history walk: discover Stalbridge's Georgian High Street with local historian Margaret Green on Sunday at 2pm.",
    "Our condolences to the family of former Mayor John Clarke, who served the town for over twenty years.",
    "The Town Council is sad to hear of the closure of the bank branch. The mobile banking van visits every Wednesday.",
    "Mobile library stop: the Dorset mobile library will be in the Market Square every other Friday from 2pm.",
    "The Council's external auditor has signed off the annual return with no issues.",
    "Road safety: Bikeability cycle training for Year 6 pupils will take place at the primary school next week.",
    "The Town Council will not be collecting the Christmas trees this year; please use the Dorset Council collection points.",
    "Please do not feed the ducks bread: it harms them and pollutes the pond. Use oats or peas instead.",
    "Thank you to everyone who offered to help after the flooding. The response has been amazing.",
    "Our Keep Stalbridge Tidy campaign starts next week. Grab a litter picker from the Town Hall and join in.",
    "Vote for your favourite photo in the Stalbridge calendar competition. Voting closes Friday.",
    "The Farmers' Market has a great selection of local cheese, bread and veg this Saturday.",
    "Free parking in the Market Square every Saturday in December to support our shops.",
    "The new community noticeboard by the Co-op is free for local groups to use.",
    "Stalbridge Surgery will be closed on the bank holiday. For urgent medical help call NHS 111.",
    "Cllr Helen Brooks will represent the Town Council at the Dorset Association of Parish and Town Councils meeting.",
    "The Mayor's charity this year is the Dorset and Somerset Air Ambulance.",
    "The Mayor presented long-service certificates to the retained firefighters at Stalbridge fire station.",
    "Residents are reminded that the Town Council does not collect bins; that is Dorset Council's job.",
    "We have received lots of questions about the new housing development. The application is decided by Dorset Council, not us.",
    "The Town Council objected to planning application P/OUT/2024/05512 at its meeting on Tuesday. Reasons are in the minutes.",
    "The pond at the Recreation Ground has been cleared of weed by volunteers from the angling club.",
    "A huge thank you to our retiring Clerk, Mrs Pam Hardy, for 18 years of service to the town.",
    "Dorset Council's library service is running free digital skills sessions for older people on Thursdays.",
    "The Town Hall roof repairs are finished, on time and under budget.",
    "Bus passes for older and disabled people can be applied for online through Dorset Council.",
    "Applications are open for the Stalbridge Community Awards. Nominate someone who makes a difference.",
    "We are recruiting volunteer drivers for the community car scheme. Mileage expenses are paid.",
    "The summer reading challenge at the library starts on 12 July. Free for all children.",
    "Road safety week: please slow down near the primary school at drop-off and pick-up times.",
    "Noise from the recreation ground works will be kept to between 8am and 5pm on weekdays.",
]

ROADS = ["Station Road", "Ring Street", "Gold Street", "Barrow Hill", "Thornhill Road", "Church Hill", "Cook's Lane", "Pile Lane", "High Street", "Silver Street"]
WORKS = ["resurfacing", "a new gas main", "drainage repairs", "kerb replacement", "BT cable works", "tree surgery", "water main repairs"]
DATES = ["3 March", "12 April", "6 May", "17 June", "9 July", "21 August", "2 September", "14 October", "4 November"]
EVENTS = [
    ("the Spring Craft Fair", "the Town Hall", "10am to 3pm"),
    ("a family bingo night", "the Town Hall", "7pm"),
    ("the Apple Day celebration", "the community orchard", "11am to 2pm"),
    ("a Repair Cafe", "the library", "10am to 1pm"),
    ("the Big Lunch", "the Market Square", "12 noon"),
    ("a seed swap", "the allotments pavilion", "9am to 11am"),
    ("an open-air cinema night", "the Recreation Ground", "dusk"),
    ("the Duck Race", "the river bridge", "2pm"),
    ("a beach clean coach trip", "the Market Square (departure)", "8am"),
]
COMMITTEES = ["Planning Committee", "Finance and General Purposes Committee", "Amenities Committee", "Full Council", "Personnel Committee", "Cemetery and Allotments Committee"]


def templated():
    out = []
    for i, (road, works) in enumerate(itertools.product(ROADS, WORKS)):
        if i % 3:
            continue
        date = DATES[i % len(DATES)]
        alt = ROADS[(i + 3) % len(ROADS)]
        out.append(f"Road closure: {road} will be closed from {date} for {works}. Please follow the signed diversion via {alt}.")
    for i, (name, venue, time) in enumerate(EVENTS):
        for j, date in enumerate(DATES[:3]):
            out.append(f"Come along to {name} at {venue} on {DATES[(i + j * 3) % len(DATES)]}, {time}. Everyone welcome!")
    for i, committee in enumerate(COMMITTEES):
        for j in range(3):
            out.append(
                f"The {committee} meets on {DATES[(i + j) % len(DATES)]} at {['6.30pm', '7pm', '7.30pm'][j]} in the Town Hall. "
                "Papers are on the website; the public are welcome to attend."
            )
    apps = [("P/HOU", "two-storey side extension"), ("P/FUL", "erection of a detached garage"), ("P/LBC", "replacement sash windows"),
            ("P/TRT", "works to a protected oak tree"), ("P/VOC", "variation of opening hours")]
    for i, (code, desc) in enumerate(apps):
        for j, road in enumerate(ROADS[:4]):
            out.append(f"Planning application {code}/2025/0{1000 + i * 37 + j}: {desc} at {10 + i + j} {road}. Comments to Dorset Council by {DATES[(i + j) % len(DATES)]}.")
    areas = ["Thornhill", "Stalbridge Weston", "the town centre", "Antioch Close and Pile Lane", "Barrow Hill", "the Ring Street area"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    bins = ["recycling", "black bin", "food waste", "garden waste"]
    for i, area in enumerate(areas):
        for j, kind in enumerate(bins):
            out.append(f"{kind.capitalize()} collections in {area} will be a day late this week, on {days[(i + j + 1) % 6]} instead of {days[(i + j) % 6]}.")
    warnings = [("yellow", "rain", "surface water flooding is likely on low roads"), ("yellow", "ice", "untreated pavements will be slippery"),
                ("amber", "wind", "gusts of up to 70mph are expected"), ("yellow", "thunderstorms", "there may be sudden flooding"),
                ("yellow", "fog", "visibility may fall below 100 metres"), ("amber", "snow", "some roads may become impassable")]
    for colour, kind, note in warnings:
        for day in ["tonight", "tomorrow", "on Saturday"]:
            out.append(f"Met Office {colour} warning for {kind} {day}: {note}. Please take care and check on vulnerable neighbours.")
    helpers = ["Margaret Green", "Peter Willis", "Anne Lacey", "Rob Matthews", "Julie Dunn", "Colin Hart", "Priya Shah", "Kevin Lane"]
    doing = ["organising the Christmas lights", "running the Repair Cafe", "leading the litter pick", "planting the bulbs on the green",
             "looking after the war memorial garden", "running the youth club tuck shop"]
    for i, who in enumerate(helpers):
        out.append(f"A big thank you to {who} for {doing[i % len(doing)]} this year. Volunteers like you make Stalbridge special.")
    return out


def posts():
    return HAND + templated()
