"""Posts that must be flagged (review or block), each labelled with clause and category (dev split)."""

MEMBER_PERSONAL = {"author": {"kind": "member", "roles": ["member"]}, "channel": "personal"}
CHILDREN = {"audience": "children"}
INTEREST = {"author": {"kind": "member", "interests": [
    {"kind": "business", "description": "Hughes Plumbing and Heating", "names": ["Hughes Plumbing"]},
    {"kind": "land", "description": "Land at Mill Farm", "names": ["Mill Farm"]},
    {"kind": "employment", "description": "Manager at The Swan Inn", "names": ["The Swan Inn", "the Swan"]}]}}
PRE_ELECTION = {"pre_election": True, "known_people": [
    {"name": "Sarah Jones", "role": "candidate"}, {"name": "Mark Ellis", "role": "candidate"},
    {"name": "Helen Brooks", "role": "councillor"}]}
NO_RIGHTS = {"attachments": [{"filename": "market.jpg", "media_type": "image/jpeg"}]}
KIDS_NO_CONSENT = {"attachments": [{"filename": "sports-day.jpg", "media_type": "image/jpeg", "rights": "own_work", "depicts_children": True}]}

P = "personal_data"

FLAG = [
    # --- personal data: identifiers -------------------------------------------------------------
    ("Lost purse handed in — owner's NI number on the card inside is PY 12 34 56 C, call to claim.", "tou.1", P),
    ("Mrs Dean asked us to share her mobile 07700 900461 for anyone who found her dog.", "tou.1", P),
    ("If you have any issues with the hedge, contact the owner directly on 07700 900982.", "tou.1", P),
    ("Please send your complaints to john.smith1974@gmail.com, he says he will pass them on.", "tou.1", P),
    ("Refunds for the hall booking will be paid to sort code 20-45-77, account 41234567.", "tou.1", P),
    ("The winner's prize has been paid to IBAN GB29NWBK60161331926819.", "tou.1", P),
    ("Found a bank card near the Co-op: 4539 1488 0343 6467. Owner please get in touch.", "tou.1", P),
    ("A wallet was found containing an NHS card, number 943 476 5919. Please collect from the Town Hall.", "tou.1", P),
    ("The van parked on the green for a week is reg AB12 CDE. Does anyone know the owner?", "tou.1", P),
    ("Car WK19 HTZ has been left on the verge outside the school again.", "tou.1", P),
    ("Applicant's date of birth: 14/02/1961. The application for a market licence has been approved.", "tou.1", P),
    ("Emergency contact for the allotments is Dave on +44 7700 900123.", "tou.1", P),
    ("You can reach the new tenant at sarah.k.hughes@hotmail.co.uk about the shared access.", "tou.1", P),
    ("Passport number 925076473 was found in the Market Square, please come and claim it.", "tou.1", P),
    ("Text Jenny on 07700 900 777 if your bins were missed on Barrow Hill.", "tou.1", P),
    ("Card details for the hall deposit: 5425 2334 3010 9903, expiry 04/27.", "tou.1", P),
    ("Mr Patel's national insurance number JG 10 37 46 A was printed on the form left in the hall.", "tou.1", P),
    ("Lost driving licence MORGA753116SM9IJ found in the car park.", "tou.1", P),
    ("Call Bob on 07700 900345 if you need a lift to the surgery.", "tou.1", P),
    ("Please email tracey.weston.1988@yahoo.co.uk with your allotment plot preferences.", "tou.1", P),
    # --- personal data: private individuals named in context -----------------------------------------
    ("Mrs Jenkins at 14 Barrow Hill has been told to cut back her hedge.", "tou.1", P),
    ("The man at number 12 Ring Street keeps leaving his bins out all week.", "tou.1", P),
    ("Our neighbour John Carter has been parking his van across the footpath every night.", "tou.1", P),
    ("We have had complaints about the noise from the family at no. 7 Pile Lane.", "tou.1", P),
    ("Mr Collins from Gold Street has complained about the bus shelter again.", "tou.1", P),
    ("The lady at number 23 is refusing to move her car from the resident bays.", "tou.1", P),
    ("Thanks for nothing to Mrs Green who keeps letting her dog foul the recreation ground.", "tou.1", P),
    ("Gary Price of Station Road owes the allotment society three years of rent.", "tou.1", P),
    ("Ms Walker at 3 Church Hill has been evicted, so the flat is empty.", "tou.1", P),
    ("My neighbour Steve Rowe has fly-tipped his garden waste in the lane again.", "tou.1", P),
    ("The tenants at number 9 Thornhill Road have been having parties every night.", "tou.1", P),
    ("The couple at no. 4 Cook's Lane are blocking the access with their caravan.", "tou.1", P),
    ("Mr and Mrs Patel's extension has been reported for breaching the planning permission at their house.", "tou.1", P),
    ("Karen Mills keeps parking on the double yellows outside her house on Silver Street.", "tou.1", P),
    ("@jenny_w_1987 the dog mess outside your house is disgusting, clean it up.", "tou.1", P),
    ("Mrs Baker from Antioch Close has been feeding the rats with bread again.", "tou.1", P),
    ("The old man at number 15 keeps shouting at children walking to school.", "tou.1", P),
    ("Residents say Paul Dixon's rubbish has been piling up in his front garden for weeks.", "tou.1", P),
    ("Mrs Taylor in the end house keeps complaining about the church bells every Sunday.", "tou.1", P),
    ("Our tenant, Lisa Crane, has not paid rent since March and has moved out.", "tou.1", P),
    # --- special category -----------------------------------------------------------------------------
    ("Please keep Mrs Harris at number 8 in your thoughts; she has been diagnosed with cancer.", "tou.1", P),
    ("John Webb, who runs the bowls club, has dementia so please be patient with him.", "tou.1", P),
    ("Our neighbour Sue Ellis is in hospital after an overdose, please send cards.", "tou.1", P),
    ("Mr Khan on Ring Street is a Muslim, so he won't come to the pub quiz.", "tou.1", P),
    ("Tom Barker from the allotments has come out as gay and we are all very proud.", "tou.1", P),
    ("Mrs Lee at number 5 is pregnant again, the fourth one in four years!", "tou.1", P),
    ("David Price is a member of Unison and was on the picket line at the school.", "tou.1", P),
    ("Anne Carter has been sectioned under the Mental Health Act, so the craft group is cancelled.", "tou.1", P),
    ("The new tenant at number 2, Mr Novak, is Polish and doesn't speak much English.", "tou.1", P),
    ("Peter Shaw has been struggling with depression since his divorce.", "tou.1", P),
    ("Lucy Hart is on antidepressants and shouldn't be volunteering with the kids.", "tou.1", P),
    ("Our neighbour Jim Hall is an alcoholic and is often drunk in the Market Square.", "tou.1", P),
    # --- criminal offence data -----------------------------------------------------------------------------
    ("Mark Dyer from Gold Street was arrested last night for drink driving.", "tou.1", P),
    ("Everyone should know that Wayne Fisher is on the sex offenders register.", "tou.1", P),
    ("Kevin Moss, who lives on Pile Lane, was convicted of burglary last year.", "tou.1", P),
    ("The lad at number 6, Ryan Cole, is on bail for shoplifting from the Co-op.", "tou.1", P),
    ("Lee Turner was jailed for assault in 2019 and has just moved back to the town.", "tou.1", P),
    # --- safeguarding ------------------------------------------------------------------------------------
    ("Well done to Amelia (8) from Stalbridge Primary who won our poster competition!", "safeguarding", "safeguarding"),
    ("Congratulations to Oliver Smith, aged 9, of Ring Street, winner of the scarecrow contest.", "safeguarding", "safeguarding"),
    ("Happy birthday to 7-year-old Jack Wilson from Year 2 at Stalbridge Primary!", "safeguarding", "safeguarding"),
    ("Little Poppy, 6, who goes to Stalbridge Primary, drew this lovely Christmas card for the Mayor.", "safeguarding", "safeguarding"),
    ("Year 4 pupil Ethan Cole read his poem at the Remembrance service.", "safeguarding", "safeguarding"),
    ("Thanks to Mia Jones (11) from the primary school for designing our new litter poster.", "safeguarding", "safeguarding"),
    ("Freddie Ward, 12, lives on Barrow Hill and has raised £200 for the foodbank.", "safeguarding", "safeguarding"),
    ("Our youngest volunteer is Isla Grant, who is 10 and helps at the library every Saturday.", "safeguarding", "safeguarding"),
    ("Sophie (aged 5) from Stalbridge Nursery came to see the fire engine.", "safeguarding", "safeguarding"),
    ("Well done to Leo Hughes from Year 6 at Stalbridge Primary for winning the cycling proficiency award.", "safeguarding", "safeguarding"),
    ("Photos from sports day at the recreation ground!", "safeguarding", "safeguarding", KIDS_NO_CONSENT),
    ("What a great turnout at the youth club disco!", "safeguarding", "safeguarding",
     {"attachments": [{"filename": "disco.jpg", "rights": "own_work", "depicts_children": True, "consent_recorded": False}]}),
    ("Pictures from the nativity at St Mary's.", "safeguarding", "safeguarding",
     {"attachments": [{"filename": "nativity-1.jpg", "rights": "permission", "credit": "St Mary's PTA", "depicts_children": True}]}),
    ("Hi everyone! If you want to chat about the youth council, DM me and don't tell your parents.", "safeguarding", "safeguarding", CHILDREN),
    ("Send me a selfie and I'll put you in the youth council newsletter!", "safeguarding", "safeguarding", CHILDREN),
    ("What school do you go to? Message me privately and I'll add you to the group.", "safeguarding", "safeguarding", CHILDREN),
    ("Meet me at the skate park after school and we can talk about the project, it's our little secret.", "safeguarding", "safeguarding", CHILDREN),
    ("Add me on Snapchat if you want to help with the youth council video!", "safeguarding", "safeguarding", CHILDREN),
    ("Well done to Grace Miller, aged 8, for her brilliant painting of the Market Cross.", "safeguarding", "safeguarding"),
    ("Well done to 9-year-old Harry Bell, who found the lost dog on Pile Lane.", "safeguarding", "safeguarding"),
    # --- offensive / sexual / profane ---------------------------------------------------------------------
    ("What a load of bullshit from Dorset Council about the potholes.", "tou.1", "offensive"),
    ("The state of these f*cking roads is a joke.", "tou.1", "offensive"),
    ("Whoever keeps dumping mattresses in the lane is a complete c*nt.", "tou.1", "offensive"),
    ("This bloody council can't even empty a bin, what a shitshow.", "tou.1", "offensive"),
    ("Piss off with your parking complaints, we've heard it all before.", "tou.1", "offensive"),
    ("Fuck the new parking charges.", "tou.1", "offensive"),
    ("The new bus timetable is absolute shite.", "tou.1", "offensive"),
    ("Who the f u c k thought closing Gold Street for a month was a good idea?", "tou.1", "offensive"),
    ("Sh1t service from the bin men again this week.", "tou.1", "offensive"),
    ("Hot singles in Stalbridge want to meet you, click here for nudes.", "tou.1", "offensive"),
    ("Check out my OnlyFans for the spicy version of the calendar.", "tou.1", "offensive"),
    ("Anyone who parks like that is a total wanker.", "tou.1", "offensive"),
    ("The Christmas lights look like a pile of crap and cost a fortune, what a fucking waste.", "tou.1", "offensive"),
    ("Bollocks to the consultation, they'll do what they want anyway.", "tou.1", "offensive"),
    ("Get your tits out for the charity calendar ladies!", "tou.1", "offensive"),
    ("This town is full of arseholes who can't use a bin.", "tou.1", "offensive"),
    ("The planners are bellends, every single one of them.", "tou.1", "offensive"),
    ("Horny? Call now for a good time, discreet service in Stalbridge.", "tou.1", "offensive"),
    ("Fuuuuck me, another road closure.", "tou.1", "offensive"),
    ("Stop being such a whiny bitch about the bus shelter.", "tou.1", "offensive"),
    # --- hate (protected characteristics) -----------------------------------------------------------------
    ("Immigrants are vermin and should be sent back.", "tou.4", "hate"),
    ("Travellers are a plague on this town, get rid of them.", "tou.4", "hate"),
    ("Gypsies should go back where they came from.", "tou.4", "hate"),
    ("Muslims are not welcome in Stalbridge.", "tou.4", "hate"),
    ("Why are women so useless at parking?", "tou.4", "hate"),
    ("Disabled people are a drain on the council budget.", "tou.4", "hate"),
    ("Trans women are not real women and should be banned from the toilets.", "tou.4", "hate"),
    ("Gay people are disgusting and shouldn't be allowed near the youth club.", "tou.4", "hate"),
    ("I hate Pakistanis. They are ruining this country.", "tou.4", "hate"),
    ("Jews are behind the new housing development, as usual.", "tou.4", "hate"),
    ("Refugees are parasites living off our taxes.", "tou.4", "hate"),
    ("Old people are a burden and should stop voting.", "tou.4", "hate"),
    ("The Poles are dirty and they stink out the bus.", "tou.4", "hate"),
    ("Kill all the immigrants.", "tou.4", "hate"),
    ("Mus1ims are scum.", "tou.4", "hate"),
    ("Immigrantsarevermin", "tou.4", "hate"),
    ("Women belong in the kitchen, not on the council.", "tou.4", "hate"),
    ("Romanians are all criminals, lock your doors.", "tou.4", "hate"),
    ("Black people are inferior, it's just science.", "tou.4", "hate"),
    ("Autistic people are freaks and should be kept away from normal kids.", "tou.4", "hate"),
    ("Keep the pakis out of Stalbridge.", "tou.4", "hate"),
    ("That tranny from the library should be sacked.", "tou.4", "hate"),
    ("Don't let the retards use the new playground.", "tou.4", "hate"),
    ("Asylum seekers should be shot on sight.", "tou.4", "hate"),
    ("Lesbians are an abomination and have no place in our church hall.", "tou.4", "hate"),
    ("Sikhs can't be trusted with money.", "tou.4", "hate"),
    ("Pregnant women are useless at work and shouldn't be hired.", "tou.4", "hate"),
    ("I can't stand foreigners. They are taking over our town.", "tou.4", "hate"),
    ("Christians are brainwashed idiots.", "tou.4", "hate"),
    ("Those fags at the Pride picnic make me sick.", "tou.4", "hate"),
    # --- abuse / bullying -------------------------------------------------------------------------------
    ("You are a useless idiot and everyone knows it.", "tou.4", "bullying"),
    ("Cllr Jones is a total clown and should resign.", "tou.4", "bullying"),
    ("@dave_the_builder you absolute muppet, learn to read a plan.", "tou.4", "bullying"),
    ("We know where you live, so think twice before objecting again.", "tou.4", "bullying"),
    ("The clerk is an idiot who can't even send an agenda on time.", "tou.4", "bullying"),
    ("Mrs Hodges, you are a pathetic busybody.", "tou.4", "bullying"),
    ("Nobody likes you, just leave the town.", "tou.4", "bullying"),
    ("You're a disgrace and a moron.", "tou.4", "bullying"),
    ("Kevin Lane is a scumbag and a waste of space.", "tou.4", "bullying"),
    ("Watch your back, Councillor Price.", "tou.4", "bullying"),
    ("Mr Sharp, you ugly old weirdo, stop photographing the allotments.", "tou.4", "bullying"),
    ("Let's all go round to his house and tell him what we think.", "tou.4", "bullying"),
    ("You'll regret objecting to my planning application.", "tou.4", "bullying"),
    ("Name and shame: let's make sure everyone knows what she did.", "tou.4", "bullying"),
    ("Cyclists are vermin and deserve to be run off the road.", "tou.2", "abuse"),
    ("Dog walkers in this town are scum.", "tou.2", "abuse"),
    ("Landlords are parasites, every last one of them.", "tou.2", "abuse"),
    ("Hope he dies in a ditch, the old fool.", "tou.4", "bullying"),
    ("Mayor Green is a lowlife and a hypocrite.", "tou.4", "bullying"),
    ("Go and die, you pathetic loser.", "tou.4", "bullying"),
    # --- defamation ----------------------------------------------------------------------------------------
    ("Residents are saying Cllr Morris is on the take from the developers.", "tou.1", "defamation"),
    ("Everyone knows Tony Reed is fiddling the allotment society's accounts.", "tou.1", "defamation"),
    ("Bennett Builders Ltd are cowboy builders who ripped residents off on Pile Lane.", "tou.1", "defamation"),
    ("The Swan Inn is run by crooks who water down the beer.", "tou.1", "defamation"),
    ("Cllr Grant lied to the meeting about the cost of the toilets.", "tou.1", "defamation"),
    ("I've heard the clerk has been stealing from the petty cash.", "tou.1", "defamation"),
    ("Mr Osborne is a fraudster, don't trust him with your money.", "tou.1", "defamation"),
    ("Stalbridge Motors are scammers, they charged me for work they never did.", "tou.1", "defamation"),
    ("The developer is bribing councillors to get the Mill Lane scheme through.", "tou.1", "defamation"),
    ("Apparently Julie Dawson was sacked for stealing from the surgery.", "tou.1", "defamation"),
    ("Cllr Hart is corrupt and everyone in this town knows it.", "tou.1", "defamation"),
    ("Greenway Homes Ltd are crooked and falsified the flood survey.", "tou.1", "defamation"),
    ("Rumour has it Dr Shah is a paedophile.", "tou.1", "defamation"),
    ("The Mayor is lining her own pockets with the grant money.", "tou.1", "defamation"),
    ("Peter Grove, the chair of the trust, is a liar and a cheat.", "tou.1", "defamation"),
    ("Cllr Wells is incompetent and not fit for office.", "tou.1", "defamation"),
    ("The Co-op manager Dan Price is a racist.", "tou.1", "defamation"),
    ("Hughes Electrical Services botched the wiring and are dodgy as anything.", "tou.1", "defamation"),
    # --- copyright ------------------------------------------------------------------------------------------
    ("Here's a photo from the Farmers' Market!", "tou.1", "copyright", NO_RIGHTS),
    ("Lovely shot of the Christmas lights.", "tou.1", "copyright", {"attachments": [{"filename": "lights.jpg"}]}),
    ("The new play area plans are attached.", "tou.1", "copyright", {"attachments": [{"filename": "plans.pdf", "media_type": "application/pdf", "rights": "unknown"}]}),
    ("Historic view of the High Street in 1905.", "tou.1", "copyright", {"attachments": [{"filename": "1905.jpg", "rights": "public_domain"}]}),
    ("Aerial view of flooding on the Stour. Photo: Getty Images", "tou.1", "copyright"),
    ("Great article about our town, taken from the Western Gazette: \"Stalbridge is one of the smallest towns in Dorset and has a long history as a market town, with its fourteenth-century market cross standing proudly in the centre of the town, where traders have gathered for centuries to sell their goods and where residents still meet today.\"", "tou.1", "copyright"),
    ("Here are the full lyrics of the carol the choir sang, all verses below.", "tou.1", "copyright"),
    ("Copied from the Dorset Echo website, the full article is below.", "tou.1", "copyright"),
    ("Our video of the carnival procession!", "tou.1", "copyright", {"attachments": [{"filename": "carnival.mp4", "media_type": "video/mp4"}]}),
    ("Photo of the flooding on the A357 (Shutterstock).", "tou.1", "copyright"),
    # --- party political -------------------------------------------------------------------------------------
    ("Vote Labour on 1 May for a fairer Stalbridge!", "tou.5", "political"),
    ("The Conservative government has failed rural Dorset on bus funding.", "tou.5", "political"),
    ("Thanks to our Lib Dem county councillors for delivering the new crossing.", "tou.5", "political"),
    ("Reform UK are the only party who will stop the new housing estate.", "tou.5", "political"),
    ("Sign the petition to stop the Mill Lane development!", "tou.5", "political"),
    ("The Tories have wrecked our local NHS.", "tou.5", "political"),
    ("Join our campaign against the closure of the library.", "tou.5", "political"),
    ("Keir Starmer has betrayed rural communities.", "tou.5", "political"),
    ("Well done to Kemi Badenoch on a brilliant speech today.", "tou.5", "political"),
    ("This government has abandoned rural bus services.", "tou.5", "political"),
    ("Re-elect Cllr Sarah Jones on polling day!", "tou.5", "political"),
    ("Labour cuts mean fewer police on our streets.", "tou.5", "political"),
    ("Say no to the incinerator: write to your MP today.", "tou.5", "political"),
    ("Only the Green Party takes the climate emergency seriously.", "tou.5", "political"),
    ("Nigel Farage is right about the boats.", "tou.5", "political"),
    ("Stop the boats! Support our march on Saturday.", "tou.5", "political"),
    ("The Lib Dems have been a disaster for Dorset Council, vote them out.", "tou.5", "political"),
    ("Proud to stand with the Labour Party for a fairer Dorset.", "tou.5", "political"),
    # --- personal financial interest ------------------------------------------------------------------------------
    ("Need a boiler service before winter? Hughes Plumbing offers great prices for Stalbridge residents.", "tou.6", "financial_interest", INTEREST),
    ("Pop into the Swan Inn this Friday for our new autumn menu!", "tou.6", "financial_interest", INTEREST),
    ("The Mill Farm site is the best place for the new houses, support the plans.", "tou.6", "financial_interest", INTEREST),
    ("Please sponsor me for the Bournemouth marathon, my JustGiving page is in the link.", "tou.6", "financial_interest"),
    ("I'm running the Dorset 10k to raise money for my daughter's school trip, please donate to my GoFundMe.", "tou.6", "financial_interest"),
    ("Support my campaign to get the speed limit on my road reduced!", "tou.6", "financial_interest"),
    ("Check out my new business, Jo's Cakes, for all your party needs!", "tou.6", "financial_interest"),
    ("Call Hughes Plumbing today for a free quote.", "tou.6", "financial_interest", INTEREST),
    ("Buy my book about Stalbridge history, available now for £9.99!", "tou.6", "financial_interest"),
    ("Hire me for your garden clearance, competitive rates.", "tou.6", "financial_interest"),
    # --- commercial ------------------------------------------------------------------------------------------------
    ("20% off all pizzas this weekend at Luigi's! Use code STAL20 at checkout.", "tou.7", "commercial"),
    ("Buy now: Stalbridge mugs only £8.99 at amazon.co.uk/stalbridge-mugs", "tou.7", "commercial"),
    ("Sponsored by Dorset Windows: get 30% off double glazing this month only!", "tou.7", "commercial"),
    ("#ad Try the new menu at Bella's Bistro, half price starters all week.", "tou.7", "commercial"),
    ("FREE entry to win a £500 voucher! Text WIN to 80099 now. T&Cs apply.", "tou.7", "commercial"),
    ("Big sale at Carters Furniture: everything must go, prices from £49!", "tou.7", "commercial"),
    ("Order your Christmas turkey today from Dyer's Butchers, only £4.50 per kg.", "tou.7", "commercial"),
    ("Looking for a new car? Stalbridge Motors has unbeatable deals this weekend.", "tou.7", "commercial"),
    ("Claim your free gift now! Click here to enter our prize draw.", "tou.7", "commercial"),
    ("In partnership with SunPower Solar: get panels fitted from £99 per month.", "tou.7", "commercial"),
    ("Don't miss out! Limited time offer on broadband at FibreFast, just £20 a month.", "tou.7", "commercial"),
    ("Visit our shop at www.stalbridgegifts.co.uk/shop for the best deals on local crafts.", "tou.7", "commercial"),
    ("URGENT! You have won a £1000 cash prize. Call 09061701461 to claim. 18+", "tou.7", "commercial"),
    ("Get 15% off at Harper's Garden Centre with discount code SPRING15.", "tou.7", "commercial"),
    ("Great value at the Stalbridge Stores: 3 for £10 on all wines, while stocks last.", "tou.7", "commercial"),
    ("Exclusive offer for residents: gym membership from £15 per month at FitLife.", "tou.7", "commercial"),
    ("Shop now for the new range of Dorset Knobs biscuits, buy online at etsy.com/shop/dorsetbakes", "tou.7", "commercial"),
    ("Free delivery on all orders over £30 from Village Veg Boxes this week only!", "tou.7", "commercial"),
    # --- speaking for the council (members' personal accounts) --------------------------------------------------------
    ("The Town Council will reopen the public toilets next month, I promise.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("On behalf of the Town Council, I apologise for the state of the cemetery.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("I can confirm the council will oppose the Mill Lane development.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("The council's position is that the bus shelter must be moved.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("We at the council believe the new estate is a terrible idea.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("Stalbridge Town Council supports the campaign to save the library.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("The council is going to ban dogs from the recreation ground.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("Speaking for the council, we will not be paying for the Christmas lights this year.", "ident.6", "capacity", MEMBER_PERSONAL),
    ("This council is a joke and the clerk is clueless.", "ident.5", "capacity", MEMBER_PERSONAL),
    ("My fellow councillors are useless, nothing ever gets done.", "ident.5", "capacity", MEMBER_PERSONAL),
    # --- pre-election ------------------------------------------------------------------------------------------------
    ("Great to see Sarah Jones out litter picking with volunteers this morning!", "elections", "pre_election", PRE_ELECTION),
    ("Mark Ellis has been working hard to get the potholes fixed on Gold Street.", "elections", "pre_election", PRE_ELECTION),
    ("We are launching a new consultation on the future of the Town Hall. Have your say!", "elections", "pre_election", PRE_ELECTION),
    ("Thank you to Sarah Jones for opening the new play area.", "elections", "pre_election", PRE_ELECTION),
    ("The Conservatives have promised to fund the new skate park.", "elections", "pre_election", PRE_ELECTION),
    ("Mark Ellis joined the Mayor at the school fete today.", "elections", "pre_election", PRE_ELECTION),
    ("We launch our new 'Love Stalbridge' campaign today, take our survey!", "elections", "pre_election", PRE_ELECTION),
    ("Photos of Sarah Jones presenting the community awards.", "elections", "pre_election", PRE_ELECTION),
]


def _nhs(seed: int) -> str:
    base = f"{400000000 + seed * 7919:09d}"[:9]
    while True:
        total = sum(int(d) * w for d, w in zip(base, range(10, 1, -1)))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            return f"{base[:3]} {base[3:6]} {base[6:]}{check}"
        base = f"{int(base) + 1:09d}"


def templated():
    out = []
    surnames = ["Harper", "Cooper", "Ward", "Bishop", "Fletcher", "Lowe", "Nash", "Rowe", "Seymour", "Tucker", "Vaughan", "Wiltshire"]
    complaints = ["keeps parking across the dropped kerb", "has been burning rubbish in the garden every evening",
                  "lets their dog bark all night", "has been dumping garden waste in the lane", "won't cut the overhanging hedge",
                  "has been feeding the pigeons and attracting rats"]
    for i, name in enumerate(surnames):
        title = ["Mrs", "Mr", "Ms"][i % 3]
        out.append((f"{title} {name} at number {3 + i * 2} {['Ring Street', 'Pile Lane', 'Gold Street', 'Barrow Hill'][i % 4]} {complaints[i % len(complaints)]}.", "tou.1", P))
    for i in range(12):
        mobile = f"07700 900{100 + i * 37:03d}"
        who = ["Call Sandra", "Ring Mike", "Text Debbie", "Contact Alan", "Phone Lorraine", "WhatsApp Gaz"][i % 6]
        out.append((f"{who} on {mobile} {['about the lost cat', 'to join the dog walking group', 'if you want the spare compost', 'for a lift to the hospital'][i % 4]}.", "tou.1", P))
    firsts = ["karen", "gary", "emma", "steve", "jo", "phil", "dawn", "rich"]
    for i, f in enumerate(firsts):
        out.append((f"Send your RSVPs for the street party to {f}.{surnames[i].lower()}{60 + i}@{['gmail.com', 'hotmail.co.uk', 'btinternet.com', 'outlook.com'][i % 4]} by Friday.", "tou.1", P))
    for i in range(8):
        out.append((f"A medical card with NHS number {_nhs(i * 13 + 1)} was found near the surgery.", "tou.1", P))
    prefixes = ["AB", "CE", "JH", "KL", "MN", "PR", "SW", "TY"]
    for i, pre in enumerate(prefixes):
        out.append((f"Paperwork with NI number {pre} {10 + i:02d} {30 + i:02d} {50 + i:02d} {'ABCD'[i % 4]} was left on the bus.", "tou.1", P))
    shops = ["Luigi's", "The Old Forge Cafe", "Harper's Garden Centre", "Stalbridge Tyres", "Pretty Paws Grooming", "Blackmore Vale Kitchens"]
    products = ["all mains", "winter tyres", "dog grooming", "fitted kitchens", "hanging baskets", "Sunday roasts"]
    for i, shop in enumerate(shops):
        pct = [10, 15, 20, 25, 30, 50][i]
        out.append((f"{pct}% off {products[i]} at {shop} this week only — quote code STAL{pct} when you order.", "tou.7", "commercial"))
        out.append((f"Buy now and save! {shop} has {products[i]} from just £{9 + i * 5}.99, limited stock.", "tou.7", "commercial"))
    parties = ["Labour", "the Conservatives", "the Lib Dems", "Reform UK", "the Green Party", "the Tories"]
    stances = ["have let Stalbridge down", "deserve your vote in May", "are the only ones who care about rural Dorset",
               "have failed our schools", "delivered the new crossing, not the others", "are to blame for the bus cuts"]
    for i, party in enumerate(parties):
        out.append((f"{party[0].upper() + party[1:]} {stances[i]}.", "tou.5", "political"))
    return out


def posts():
    return FLAG + templated()
