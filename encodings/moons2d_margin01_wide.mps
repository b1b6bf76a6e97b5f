NAME lipschitz_moons2d
OBJSENSE
    MAX
ROWS
 N  obj
 G  relu_ge_0_0
 G  relu_ge_0_1
 G  relu_ge_0_2
 G  relu_ge_0_3
 G  relu_ge_0_4
 G  relu_ge_0_5
 G  relu_ge_0_6
 G  relu_ge_0_7
 G  relu_ge_0_8
 L  relu_off_0_0
 L  relu_off_0_1
 L  relu_off_0_2
 L  relu_off_0_3
 L  relu_off_0_4
 L  relu_off_0_5
 L  relu_off_0_6
 L  relu_off_0_7
 L  relu_off_0_8
 L  relu_on_0_0
 L  relu_on_0_1
 L  relu_on_0_2
 L  relu_on_0_3
 L  relu_on_0_4
 L  relu_on_0_5
 L  relu_on_0_6
 L  relu_on_0_7
 L  relu_on_0_8
 G  relu_ge_1_0
 G  relu_ge_1_1
 G  relu_ge_1_2
 G  relu_ge_1_3
 G  relu_ge_1_4
 G  relu_ge_1_5
 G  relu_ge_1_6
 G  relu_ge_1_7
 G  relu_ge_1_8
 L  relu_off_1_0
 L  relu_off_1_1
 L  relu_off_1_2
 L  relu_off_1_3
 L  relu_off_1_4
 L  relu_off_1_5
 L  relu_off_1_6
 L  relu_off_1_7
 L  relu_off_1_8
 L  relu_on_1_0
 L  relu_on_1_1
 L  relu_on_1_2
 L  relu_on_1_3
 L  relu_on_1_4
 L  relu_on_1_5
 L  relu_on_1_6
 L  relu_on_1_7
 L  relu_on_1_8
 L  switch_on_le_1_0
 L  switch_on_le_1_1
 L  switch_on_le_1_2
 L  switch_on_le_1_3
 L  switch_on_le_1_4
 L  switch_on_le_1_5
 L  switch_on_le_1_6
 L  switch_on_le_1_7
 L  switch_on_le_1_8
 G  switch_on_ge_1_0
 G  switch_on_ge_1_1
 G  switch_on_ge_1_2
 G  switch_on_ge_1_3
 G  switch_on_ge_1_4
 G  switch_on_ge_1_5
 G  switch_on_ge_1_6
 G  switch_on_ge_1_7
 G  switch_on_ge_1_8
 L  switch_off_le_1_0
 L  switch_off_le_1_1
 L  switch_off_le_1_2
 L  switch_off_le_1_3
 L  switch_off_le_1_4
 L  switch_off_le_1_5
 L  switch_off_le_1_6
 L  switch_off_le_1_7
 L  switch_off_le_1_8
 G  switch_off_ge_1_0
 G  switch_off_ge_1_1
 G  switch_off_ge_1_2
 G  switch_off_ge_1_3
 G  switch_off_ge_1_4
 G  switch_off_ge_1_5
 G  switch_off_ge_1_6
 G  switch_off_ge_1_7
 G  switch_off_ge_1_8
 L  switch_on_le_0_0
 L  switch_on_le_0_1
 L  switch_on_le_0_2
 L  switch_on_le_0_3
 L  switch_on_le_0_4
 L  switch_on_le_0_5
 L  switch_on_le_0_6
 L  switch_on_le_0_7
 L  switch_on_le_0_8
 G  switch_on_ge_0_0
 G  switch_on_ge_0_1
 G  switch_on_ge_0_2
 G  switch_on_ge_0_3
 G  switch_on_ge_0_4
 G  switch_on_ge_0_5
 G  switch_on_ge_0_6
 G  switch_on_ge_0_7
 G  switch_on_ge_0_8
 L  switch_off_le_0_0
 L  switch_off_le_0_1
 L  switch_off_le_0_2
 L  switch_off_le_0_3
 L  switch_off_le_0_4
 L  switch_off_le_0_5
 L  switch_off_le_0_6
 L  switch_off_le_0_7
 L  switch_off_le_0_8
 G  switch_off_ge_0_0
 G  switch_off_ge_0_1
 G  switch_off_ge_0_2
 G  switch_off_ge_0_3
 G  switch_off_ge_0_4
 G  switch_off_ge_0_5
 G  switch_off_ge_0_6
 G  switch_off_ge_0_7
 G  switch_off_ge_0_8
 L  abs_pos_0
 L  abs_pos_1
 L  abs_neg_0
 L  abs_neg_1
COLUMNS
    x_0 relu_ge_0_0 0.12490366075707757
    x_0 relu_ge_0_1 -1.564047116643156
    x_0 relu_ge_0_2 -2.2754924357524691
    x_0 relu_ge_0_3 1.281557863187992
    x_0 relu_ge_0_4 1.0708979530801097
    x_0 relu_ge_0_5 -1.3965468663259544
    x_0 relu_ge_0_6 -0.82615492399233836
    x_0 relu_ge_0_7 -2.7427318216336807
    x_0 relu_ge_0_8 2.0656752580549349
    x_0 relu_off_0_0 0.12490366075707757
    x_0 relu_off_0_1 -1.564047116643156
    x_0 relu_off_0_2 -2.2754924357524691
    x_0 relu_off_0_3 1.281557863187992
    x_0 relu_off_0_4 1.0708979530801097
    x_0 relu_off_0_5 -1.3965468663259544
    x_0 relu_off_0_6 -0.82615492399233836
    x_0 relu_off_0_7 -2.7427318216336807
    x_0 relu_off_0_8 2.0656752580549349
    x_0 relu_ge_1_0 0.00091276163175464371
    x_0 relu_ge_1_1 0.00232164361459719
    x_0 relu_ge_1_2 -0.0024548714223002898
    x_0 relu_ge_1_3 0.0011288697747977184
    x_0 relu_ge_1_4 0.00057026001868800021
    x_0 relu_ge_1_5 0.0021703434189311159
    x_0 relu_ge_1_6 -0.00046495824911031892
    x_0 relu_ge_1_7 -0.0012158801353016717
    x_0 relu_ge_1_8 -0.0020949765927438264
    x_0 relu_off_1_0 0.00091276163175464371
    x_0 relu_off_1_1 0.00232164361459719
    x_0 relu_off_1_2 -0.0024548714223002898
    x_0 relu_off_1_3 0.0011288697747977184
    x_0 relu_off_1_4 0.00057026001868800021
    x_0 relu_off_1_5 0.0021703434189311159
    x_0 relu_off_1_6 -0.00046495824911031892
    x_0 relu_off_1_7 -0.0012158801353016717
    x_0 relu_off_1_8 -0.0020949765927438264
    x_1 relu_ge_0_0 -0.072461841394907578
    x_1 relu_ge_0_1 -0.44172718325584404
    x_1 relu_ge_0_2 0.85882948940715353
    x_1 relu_ge_0_3 -0.16609524157222391
    x_1 relu_ge_0_4 -0.58077986299985174
    x_1 relu_ge_0_5 -0.98976515585971425
    x_1 relu_ge_0_6 -0.58562816467836409
    x_1 relu_ge_0_7 -0.754680050734165
    x_1 relu_ge_0_8 -0.27996873947221984
    x_1 relu_off_0_0 -0.072461841394907578
    x_1 relu_off_0_1 -0.44172718325584404
    x_1 relu_off_0_2 0.85882948940715353
    x_1 relu_off_0_3 -0.16609524157222391
    x_1 relu_off_0_4 -0.58077986299985174
    x_1 relu_off_0_5 -0.98976515585971425
    x_1 relu_off_0_6 -0.58562816467836409
    x_1 relu_off_0_7 -0.754680050734165
    x_1 relu_off_0_8 -0.27996873947221984
    x_1 relu_ge_1_0 0.0052329205890836597
    x_1 relu_ge_1_1 0.013310130759972578
    x_1 relu_ge_1_2 -0.014073934269797838
    x_1 relu_ge_1_3 0.0064718823419180832
    x_1 relu_ge_1_4 0.0032693370197727826
    x_1 relu_ge_1_5 0.01244271709852037
    x_1 relu_ge_1_6 -0.0026656352657554601
    x_1 relu_ge_1_7 -0.0069707182823261502
    x_1 relu_ge_1_8 -0.012010634282187254
    x_1 relu_off_1_0 0.0052329205890836597
    x_1 relu_off_1_1 0.013310130759972578
    x_1 relu_off_1_2 -0.014073934269797838
    x_1 relu_off_1_3 0.0064718823419180832
    x_1 relu_off_1_4 0.0032693370197727826
    x_1 relu_off_1_5 0.01244271709852037
    x_1 relu_off_1_6 -0.0026656352657554601
    x_1 relu_off_1_7 -0.0069707182823261502
    x_1 relu_off_1_8 -0.012010634282187254
    h_0_2 relu_ge_0_0 1
    h_0_2 relu_off_0_0 1
    h_0_2 relu_on_0_0 1
    h_0_2 relu_ge_1_0 0.031774835396980214
    h_0_2 relu_ge_1_1 0.065696995710501249
    h_0_2 relu_ge_1_2 -0.064916351524343399
    h_0_2 relu_ge_1_3 0.034592339465731529
    h_0_2 relu_ge_1_4 0.025678187852394934
    h_0_2 relu_ge_1_5 0.063232516483285678
    h_0_2 relu_ge_1_6 0.034785952317384246
    h_0_2 relu_ge_1_7 -0.035978823126690977
    h_0_2 relu_ge_1_8 -0.056930798294981308
    h_0_2 relu_off_1_0 0.031774835396980214
    h_0_2 relu_off_1_1 0.065696995710501249
    h_0_2 relu_off_1_2 -0.064916351524343399
    h_0_2 relu_off_1_3 0.034592339465731529
    h_0_2 relu_off_1_4 0.025678187852394934
    h_0_2 relu_off_1_5 0.063232516483285678
    h_0_2 relu_off_1_6 0.034785952317384246
    h_0_2 relu_off_1_7 -0.035978823126690977
    h_0_2 relu_off_1_8 -0.056930798294981308
    h_0_4 relu_ge_0_1 1
    h_0_4 relu_off_0_1 1
    h_0_4 relu_on_0_1 1
    h_0_4 relu_ge_1_0 0.33345671952888273
    h_0_4 relu_ge_1_1 0.75392748280036781
    h_0_4 relu_ge_1_2 -0.73540494599378314
    h_0_4 relu_ge_1_3 0.37122138681775957
    h_0_4 relu_ge_1_4 0.29106308552280541
    h_0_4 relu_ge_1_5 0.72518358354826229
    h_0_4 relu_ge_1_6 0.39657409311474134
    h_0_4 relu_ge_1_7 -0.37901259911934937
    h_0_4 relu_ge_1_8 -0.6451602166676943
    h_0_4 relu_off_1_0 0.33345671952888273
    h_0_4 relu_off_1_1 0.75392748280036781
    h_0_4 relu_off_1_2 -0.73540494599378314
    h_0_4 relu_off_1_3 0.37122138681775957
    h_0_4 relu_off_1_4 0.29106308552280541
    h_0_4 relu_off_1_5 0.72518358354826229
    h_0_4 relu_off_1_6 0.39657409311474134
    h_0_4 relu_off_1_7 -0.37901259911934937
    h_0_4 relu_off_1_8 -0.6451602166676943
    h_0_5 relu_ge_0_2 1
    h_0_5 relu_off_0_2 1
    h_0_5 relu_on_0_2 1
    h_0_5 relu_ge_1_0 -0.51392674305771591
    h_0_5 relu_ge_1_1 -1.1606220470587914
    h_0_5 relu_ge_1_2 1.1257743060130714
    h_0_5 relu_ge_1_3 -0.57217224898184837
    h_0_5 relu_ge_1_4 -0.44905796843238505
    h_0_5 relu_ge_1_5 -1.1154117646879596
    h_0_5 relu_ge_1_6 -0.61686569172700312
    h_0_5 relu_ge_1_7 0.58275958917619319
    h_0_5 relu_ge_1_8 0.9929454595688656
    h_0_5 relu_off_1_0 -0.51392674305771591
    h_0_5 relu_off_1_1 -1.1606220470587914
    h_0_5 relu_off_1_2 1.1257743060130714
    h_0_5 relu_off_1_3 -0.57217224898184837
    h_0_5 relu_off_1_4 -0.44905796843238505
    h_0_5 relu_off_1_5 -1.1154117646879596
    h_0_5 relu_off_1_6 -0.61686569172700312
    h_0_5 relu_off_1_7 0.58275958917619319
    h_0_5 relu_off_1_8 0.9929454595688656
    h_0_8 relu_ge_0_3 1
    h_0_8 relu_off_0_3 1
    h_0_8 relu_on_0_3 1
    h_0_8 relu_ge_1_0 0.26358493983893017
    h_0_8 relu_ge_1_1 0.59574612555189188
    h_0_8 relu_ge_1_2 -0.58038686651773097
    h_0_8 relu_ge_1_3 0.29301093142805845
    h_0_8 relu_ge_1_4 0.2305616937108825
    h_0_8 relu_ge_1_5 0.5735833463057699
    h_0_8 relu_ge_1_6 0.31511256006208815
    h_0_8 relu_ge_1_7 -0.3001853863137261
    h_0_8 relu_ge_1_8 -0.51043768746282192
    h_0_8 relu_off_1_0 0.26358493983893017
    h_0_8 relu_off_1_1 0.59574612555189188
    h_0_8 relu_off_1_2 -0.58038686651773097
    h_0_8 relu_off_1_3 0.29301093142805845
    h_0_8 relu_off_1_4 0.2305616937108825
    h_0_8 relu_off_1_5 0.5735833463057699
    h_0_8 relu_off_1_6 0.31511256006208815
    h_0_8 relu_off_1_7 -0.3001853863137261
    h_0_8 relu_off_1_8 -0.51043768746282192
    h_0_10 relu_ge_0_4 1
    h_0_10 relu_off_0_4 1
    h_0_10 relu_on_0_4 1
    h_0_10 relu_ge_1_0 0.24631171304774405
    h_0_10 relu_ge_1_1 0.55684079687620835
    h_0_10 relu_ge_1_2 -0.54180571611348982
    h_0_10 relu_ge_1_3 0.27400151107656961
    h_0_10 relu_ge_1_4 0.21582821905896576
    h_0_10 relu_ge_1_5 0.53583544648511761
    h_0_10 relu_ge_1_6 0.29551146109682697
    h_0_10 relu_ge_1_7 -0.28059499651390296
    h_0_10 relu_ge_1_8 -0.47700520785036188
    h_0_10 relu_off_1_0 0.24631171304774405
    h_0_10 relu_off_1_1 0.55684079687620835
    h_0_10 relu_off_1_2 -0.54180571611348982
    h_0_10 relu_off_1_3 0.27400151107656961
    h_0_10 relu_off_1_4 0.21582821905896576
    h_0_10 relu_off_1_5 0.53583544648511761
    h_0_10 relu_off_1_6 0.29551146109682697
    h_0_10 relu_off_1_7 -0.28059499651390296
    h_0_10 relu_off_1_8 -0.47700520785036188
    h_0_11 relu_ge_0_5 1
    h_0_11 relu_off_0_5 1
    h_0_11 relu_on_0_5 1
    h_0_11 relu_ge_1_0 0.34614934533835462
    h_0_11 relu_ge_1_1 0.78222246438165277
    h_0_11 relu_ge_1_2 -0.76312062655463231
    h_0_11 relu_ge_1_3 0.38491519157736581
    h_0_11 relu_ge_1_4 0.30481922852333043
    h_0_11 relu_ge_1_5 0.75283996136465348
    h_0_11 relu_ge_1_6 0.41309869146649719
    h_0_11 relu_ge_1_7 -0.40345180385099155
    h_0_11 relu_ge_1_8 -0.66955091198978511
    h_0_11 relu_off_1_0 0.34614934533835462
    h_0_11 relu_off_1_1 0.78222246438165277
    h_0_11 relu_off_1_2 -0.76312062655463231
    h_0_11 relu_off_1_3 0.38491519157736581
    h_0_11 relu_off_1_4 0.30481922852333043
    h_0_11 relu_off_1_5 0.75283996136465348
    h_0_11 relu_off_1_6 0.41309869146649719
    h_0_11 relu_off_1_7 -0.40345180385099155
    h_0_11 relu_off_1_8 -0.66955091198978511
    h_0_12 relu_ge_0_6 1
    h_0_12 relu_off_0_6 1
    h_0_12 relu_on_0_6 1
    h_0_12 relu_ge_1_0 0.20472943828576134
    h_0_12 relu_ge_1_1 0.4626542300691493
    h_0_12 relu_ge_1_2 -0.45319754345105967
    h_0_12 relu_ge_1_3 0.2277317379461955
    h_0_12 relu_ge_1_4 0.17904103610618613
    h_0_12 relu_ge_1_5 0.4456246503145615
    h_0_12 relu_ge_1_6 0.24648603393844634
    h_0_12 relu_ge_1_7 -0.23368588006884092
    h_0_12 relu_ge_1_8 -0.39612647560538333
    h_0_12 relu_off_1_0 0.20472943828576134
    h_0_12 relu_off_1_1 0.4626542300691493
    h_0_12 relu_off_1_2 -0.45319754345105967
    h_0_12 relu_off_1_3 0.2277317379461955
    h_0_12 relu_off_1_4 0.17904103610618613
    h_0_12 relu_off_1_5 0.4456246503145615
    h_0_12 relu_off_1_6 0.24648603393844634
    h_0_12 relu_off_1_7 -0.23368588006884092
    h_0_12 relu_off_1_8 -0.39612647560538333
    h_0_13 relu_ge_0_7 1
    h_0_13 relu_off_0_7 1
    h_0_13 relu_on_0_7 1
    h_0_13 relu_ge_1_0 -0.571147534261086
    h_0_13 relu_ge_1_1 -1.2849808997445786
    h_0_13 relu_ge_1_2 1.251373219975441
    h_0_13 relu_ge_1_3 -0.63197279791683414
    h_0_13 relu_ge_1_4 -0.49812074188798194
    h_0_13 relu_ge_1_5 -1.2430801485939789
    h_0_13 relu_ge_1_6 -0.69897640219796553
    h_0_13 relu_ge_1_7 0.64881263562349545
    h_0_13 relu_ge_1_8 1.0985923413417635
    h_0_13 relu_off_1_0 -0.571147534261086
    h_0_13 relu_off_1_1 -1.2849808997445786
    h_0_13 relu_off_1_2 1.251373219975441
    h_0_13 relu_off_1_3 -0.63197279791683414
    h_0_13 relu_off_1_4 -0.49812074188798194
    h_0_13 relu_off_1_5 -1.2430801485939789
    h_0_13 relu_off_1_6 -0.69897640219796553
    h_0_13 relu_off_1_7 0.64881263562349545
    h_0_13 relu_off_1_8 1.0985923413417635
    h_0_15 relu_ge_0_8 1
    h_0_15 relu_off_0_8 1
    h_0_15 relu_on_0_8 1
    h_0_15 relu_ge_1_0 0.42586396197716353
    h_0_15 relu_ge_1_1 0.96219100605219021
    h_0_15 relu_ge_1_2 -0.93648201685038324
    h_0_15 relu_ge_1_3 0.47376776743051174
    h_0_15 relu_ge_1_4 0.37241673976385914
    h_0_15 relu_ge_1_5 0.92562847537343962
    h_0_15 relu_ge_1_6 0.50841274974952977
    h_0_15 relu_ge_1_7 -0.48472388021228002
    h_0_15 relu_ge_1_8 -0.82420063141245004
    h_0_15 relu_off_1_0 0.42586396197716353
    h_0_15 relu_off_1_1 0.96219100605219021
    h_0_15 relu_off_1_2 -0.93648201685038324
    h_0_15 relu_off_1_3 0.47376776743051174
    h_0_15 relu_off_1_4 0.37241673976385914
    h_0_15 relu_off_1_5 0.92562847537343962
    h_0_15 relu_off_1_6 0.50841274974952977
    h_0_15 relu_off_1_7 -0.48472388021228002
    h_0_15 relu_off_1_8 -0.82420063141245004
    MARKER 'MARKER' 'INTORG'
    a_0_2 relu_off_0_0 0.32168231120533886
    a_0_2 relu_on_0_0 -0.27041419525061661
    a_0_2 switch_on_le_0_0 -6.8756470609554476e-05
    a_0_2 switch_on_ge_0_0 -1.0934513117726934
    a_0_2 switch_off_le_0_0 -1.0934513117726934
    a_0_2 switch_off_ge_0_0 -6.8756470609554476e-05
    a_0_4 relu_off_0_1 2.8298901059809527
    a_0_4 relu_on_0_1 -3.1874327937160469
    a_0_4 switch_on_le_0_1 -0.00074942046981973931
    a_0_4 switch_on_ge_0_1 -12.330043489664343
    a_0_4 switch_off_le_0_1 -12.330043489664343
    a_0_4 switch_off_ge_0_1 -0.00074942046981973931
    a_0_5 relu_off_0_2 5.1477768461889042
    a_0_5 relu_on_0_2 -4.2551889292899645
    a_0_5 switch_on_le_0_2 18.97004900536912
    a_0_5 switch_on_ge_0_2 0.0011643289076110949
    a_0_5 switch_off_le_0_2 0.0011643289076110949
    a_0_5 switch_off_ge_0_2 18.97004900536912
    a_0_8 relu_off_0_3 2.3933312677254159
    a_0_8 relu_on_0_3 -1.9496280465552323
    a_0_8 switch_on_le_0_3 -0.00059860687886548192
    a_0_8 switch_on_ge_0_3 -9.7491463697319993
    a_0_8 switch_off_le_0_3 -9.7491463697319993
    a_0_8 switch_off_ge_0_3 -0.00059860687886548192
    a_0_10 relu_off_0_4 2.7114888187957114
    a_0_10 relu_on_0_4 -2.2435446294441732
    a_0_10 switch_on_le_0_4 -0.00055761481200722329
    a_0_10 switch_on_ge_0_4 -9.1113178479801249
    a_0_10 switch_off_le_0_4 -9.1113178479801249
    a_0_10 switch_off_ge_0_4 -0.00055761481200722329
    a_0_11 relu_off_0_5 3.3177264454341113
    a_0_11 relu_on_0_5 -3.8412096211228945
    a_0_11 switch_on_le_0_5 -0.00078252877842686225
    a_0_11 switch_on_ge_0_5 -12.819646472017196
    a_0_11 switch_off_le_0_5 -12.819646472017196
    a_0_11 switch_off_ge_0_5 -0.00078252877842686225
    a_0_12 relu_off_0_6 1.9622366173800576
    a_0_12 relu_on_0_6 -2.2731126486320501
    a_0_12 switch_on_le_0_6 -0.00046185002952072634
    a_0_12 switch_on_ge_0_6 -7.583830151120809
    a_0_12 switch_off_le_0_6 -7.583830151120809
    a_0_12 switch_off_ge_0_6 -0.00046185002952072634
    a_0_13 relu_off_0_7 5.5925238470113712
    a_0_13 relu_on_0_7 -4.899711770092166
    a_0_13 switch_on_le_0_7 21.082173288348677
    a_0_13 switch_on_ge_0_7 0.0012744152447235393
    a_0_13 switch_off_le_0_7 0.0012744152447235393
    a_0_13 switch_off_ge_0_7 21.082173288348677
    a_0_15 relu_off_0_8 3.8766681054884473
    a_0_15 relu_on_0_8 -3.1602638870930169
    a_0_15 switch_on_le_0_8 -0.00096367497888067972
    a_0_15 switch_on_ge_0_8 -15.739671737859958
    a_0_15 switch_off_le_0_8 -15.739671737859958
    a_0_15 switch_off_ge_0_8 -0.00096367497888067972
    MARKER 'MARKER' 'INTEND'
    h_1_0 relu_ge_1_0 1
    h_1_0 relu_off_1_0 1
    h_1_0 relu_on_1_0 1
    h_1_1 relu_ge_1_1 1
    h_1_1 relu_off_1_1 1
    h_1_1 relu_on_1_1 1
    h_1_4 relu_ge_1_2 1
    h_1_4 relu_off_1_2 1
    h_1_4 relu_on_1_2 1
    h_1_5 relu_ge_1_3 1
    h_1_5 relu_off_1_3 1
    h_1_5 relu_on_1_3 1
    h_1_6 relu_ge_1_4 1
    h_1_6 relu_off_1_4 1
    h_1_6 relu_on_1_4 1
    h_1_7 relu_ge_1_5 1
    h_1_7 relu_off_1_5 1
    h_1_7 relu_on_1_5 1
    h_1_9 relu_ge_1_6 1
    h_1_9 relu_off_1_6 1
    h_1_9 relu_on_1_6 1
    h_1_13 relu_ge_1_7 1
    h_1_13 relu_off_1_7 1
    h_1_13 relu_on_1_7 1
    h_1_14 relu_ge_1_8 1
    h_1_14 relu_off_1_8 1
    h_1_14 relu_on_1_8 1
    MARKER 'MARKER' 'INTORG'
    a_1_0 relu_off_1_0 3.0071455875861028
    a_1_0 relu_on_1_0 -3.7583350900980896
    a_1_0 switch_on_le_1_0 1.532547839955761
    a_1_0 switch_on_ge_1_0 1.532547839955761
    a_1_0 switch_off_le_1_0 1.532547839955761
    a_1_0 switch_off_ge_1_0 1.532547839955761
    a_1_1 relu_off_1_1 6.7818036722791364
    a_1_1 relu_on_1_1 -8.4834632384117654
    a_1_1 switch_on_le_1_1 3.4584516871264315
    a_1_1 switch_on_ge_1_1 3.4584516871264315
    a_1_1 switch_off_le_1_1 3.4584516871264315
    a_1_1 switch_off_ge_1_1 3.4584516871264315
    a_1_4 relu_off_1_2 7.1345180573557148
    a_1_4 relu_on_1_2 -7.7137647120465722
    a_1_4 switch_on_le_1_2 -3.3630948827736242
    a_1_4 switch_on_ge_1_2 -3.3630948827736242
    a_1_4 switch_off_le_1_2 -3.3630948827736242
    a_1_4 switch_off_ge_1_2 -3.3630948827736242
    a_1_5 relu_off_1_3 3.3396518749369988
    a_1_5 relu_on_1_3 -4.1760625814993562
    a_1_5 switch_on_le_1_3 1.7033574715896551
    a_1_5 switch_on_ge_1_3 1.7033574715896551
    a_1_5 switch_off_le_1_3 1.7033574715896551
    a_1_5 switch_off_ge_1_3 1.7033574715896551
    a_1_6 relu_off_1_4 2.6237952368408632
    a_1_6 relu_on_1_4 -3.2852788069071326
    a_1_6 switch_on_le_1_4 1.3384989637960771
    a_1_6 switch_on_ge_1_4 1.3384989637960771
    a_1_6 switch_off_le_1_4 1.3384989637960771
    a_1_6 switch_off_ge_1_4 1.3384989637960771
    a_1_7 relu_off_1_5 6.5258162443969558
    a_1_7 relu_on_1_5 -8.1822650226934286
    a_1_7 switch_on_le_1_5 3.3305007299161575
    a_1_7 switch_on_ge_1_5 3.3305007299161575
    a_1_7 switch_off_le_1_5 3.3305007299161575
    a_1_7 switch_off_ge_1_5 3.3305007299161575
    a_1_9 relu_off_1_6 3.6010130044787858
    a_1_9 relu_on_1_6 -4.539509336012693
    a_1_9 switch_on_le_1_6 1.8459061843558602
    a_1_9 switch_on_ge_1_6 1.8459061843558602
    a_1_9 switch_off_le_1_6 1.8459061843558602
    a_1_9 switch_off_ge_1_6 1.8459061843558602
    a_1_13 relu_off_1_7 3.5266057991286033
    a_1_13 relu_on_1_7 -4.1707516577316941
    a_1_13 switch_on_le_1_7 -1.7406986289929929
    a_1_13 switch_on_ge_1_7 -1.7406986289929929
    a_1_13 switch_off_le_1_7 -1.7406986289929929
    a_1_13 switch_off_ge_1_7 -1.7406986289929929
    a_1_14 relu_off_1_8 5.9515610490990269
    a_1_14 relu_on_1_8 -7.1134592495182662
    a_1_14 switch_on_le_1_8 -2.9584545991911027
    a_1_14 switch_on_ge_1_8 -2.9584545991911027
    a_1_14 switch_off_le_1_8 -2.9584545991911027
    a_1_14 switch_off_ge_1_8 -2.9584545991911027
    MARKER 'MARKER' 'INTEND'
    q_1_0 switch_on_le_1_0 1
    q_1_0 switch_on_ge_1_0 1
    q_1_0 switch_off_le_1_0 1
    q_1_0 switch_off_ge_1_0 1
    q_1_0 switch_on_le_0_0 0.031774835396980214
    q_1_0 switch_on_le_0_1 0.33345671952888273
    q_1_0 switch_on_le_0_2 -0.51392674305771591
    q_1_0 switch_on_le_0_3 0.26358493983893017
    q_1_0 switch_on_le_0_4 0.24631171304774405
    q_1_0 switch_on_le_0_5 0.34614934533835462
    q_1_0 switch_on_le_0_6 0.20472943828576134
    q_1_0 switch_on_le_0_7 -0.571147534261086
    q_1_0 switch_on_le_0_8 0.42586396197716353
    q_1_0 switch_on_ge_0_0 0.031774835396980214
    q_1_0 switch_on_ge_0_1 0.33345671952888273
    q_1_0 switch_on_ge_0_2 -0.51392674305771591
    q_1_0 switch_on_ge_0_3 0.26358493983893017
    q_1_0 switch_on_ge_0_4 0.24631171304774405
    q_1_0 switch_on_ge_0_5 0.34614934533835462
    q_1_0 switch_on_ge_0_6 0.20472943828576134
    q_1_0 switch_on_ge_0_7 -0.571147534261086
    q_1_0 switch_on_ge_0_8 0.42586396197716353
    q_1_0 abs_pos_0 0.00091276163175464371
    q_1_0 abs_pos_1 0.0052329205890836597
    q_1_0 abs_neg_0 -0.00091276163175464371
    q_1_0 abs_neg_1 -0.0052329205890836597
    q_1_1 switch_on_le_1_1 1
    q_1_1 switch_on_ge_1_1 1
    q_1_1 switch_off_le_1_1 1
    q_1_1 switch_off_ge_1_1 1
    q_1_1 switch_on_le_0_0 0.065696995710501249
    q_1_1 switch_on_le_0_1 0.75392748280036781
    q_1_1 switch_on_le_0_2 -1.1606220470587914
    q_1_1 switch_on_le_0_3 0.59574612555189188
    q_1_1 switch_on_le_0_4 0.55684079687620835
    q_1_1 switch_on_le_0_5 0.78222246438165277
    q_1_1 switch_on_le_0_6 0.4626542300691493
    q_1_1 switch_on_le_0_7 -1.2849808997445786
    q_1_1 switch_on_le_0_8 0.96219100605219021
    q_1_1 switch_on_ge_0_0 0.065696995710501249
    q_1_1 switch_on_ge_0_1 0.75392748280036781
    q_1_1 switch_on_ge_0_2 -1.1606220470587914
    q_1_1 switch_on_ge_0_3 0.59574612555189188
    q_1_1 switch_on_ge_0_4 0.55684079687620835
    q_1_1 switch_on_ge_0_5 0.78222246438165277
    q_1_1 switch_on_ge_0_6 0.4626542300691493
    q_1_1 switch_on_ge_0_7 -1.2849808997445786
    q_1_1 switch_on_ge_0_8 0.96219100605219021
    q_1_1 abs_pos_0 0.00232164361459719
    q_1_1 abs_pos_1 0.013310130759972578
    q_1_1 abs_neg_0 -0.00232164361459719
    q_1_1 abs_neg_1 -0.013310130759972578
    q_1_4 switch_on_le_1_2 1
    q_1_4 switch_on_ge_1_2 1
    q_1_4 switch_off_le_1_2 1
    q_1_4 switch_off_ge_1_2 1
    q_1_4 switch_on_le_0_0 -0.064916351524343399
    q_1_4 switch_on_le_0_1 -0.73540494599378314
    q_1_4 switch_on_le_0_2 1.1257743060130714
    q_1_4 switch_on_le_0_3 -0.58038686651773097
    q_1_4 switch_on_le_0_4 -0.54180571611348982
    q_1_4 switch_on_le_0_5 -0.76312062655463231
    q_1_4 switch_on_le_0_6 -0.45319754345105967
    q_1_4 switch_on_le_0_7 1.251373219975441
    q_1_4 switch_on_le_0_8 -0.93648201685038324
    q_1_4 switch_on_ge_0_0 -0.064916351524343399
    q_1_4 switch_on_ge_0_1 -0.73540494599378314
    q_1_4 switch_on_ge_0_2 1.1257743060130714
    q_1_4 switch_on_ge_0_3 -0.58038686651773097
    q_1_4 switch_on_ge_0_4 -0.54180571611348982
    q_1_4 switch_on_ge_0_5 -0.76312062655463231
    q_1_4 switch_on_ge_0_6 -0.45319754345105967
    q_1_4 switch_on_ge_0_7 1.251373219975441
    q_1_4 switch_on_ge_0_8 -0.93648201685038324
    q_1_4 abs_pos_0 -0.0024548714223002898
    q_1_4 abs_pos_1 -0.014073934269797838
    q_1_4 abs_neg_0 0.0024548714223002898
    q_1_4 abs_neg_1 0.014073934269797838
    q_1_5 switch_on_le_1_3 1
    q_1_5 switch_on_ge_1_3 1
    q_1_5 switch_off_le_1_3 1
    q_1_5 switch_off_ge_1_3 1
    q_1_5 switch_on_le_0_0 0.034592339465731529
    q_1_5 switch_on_le_0_1 0.37122138681775957
    q_1_5 switch_on_le_0_2 -0.57217224898184837
    q_1_5 switch_on_le_0_3 0.29301093142805845
    q_1_5 switch_on_le_0_4 0.27400151107656961
    q_1_5 switch_on_le_0_5 0.38491519157736581
    q_1_5 switch_on_le_0_6 0.2277317379461955
    q_1_5 switch_on_le_0_7 -0.63197279791683414
    q_1_5 switch_on_le_0_8 0.47376776743051174
    q_1_5 switch_on_ge_0_0 0.034592339465731529
    q_1_5 switch_on_ge_0_1 0.37122138681775957
    q_1_5 switch_on_ge_0_2 -0.57217224898184837
    q_1_5 switch_on_ge_0_3 0.29301093142805845
    q_1_5 switch_on_ge_0_4 0.27400151107656961
    q_1_5 switch_on_ge_0_5 0.38491519157736581
    q_1_5 switch_on_ge_0_6 0.2277317379461955
    q_1_5 switch_on_ge_0_7 -0.63197279791683414
    q_1_5 switch_on_ge_0_8 0.47376776743051174
    q_1_5 abs_pos_0 0.0011288697747977184
    q_1_5 abs_pos_1 0.0064718823419180832
    q_1_5 abs_neg_0 -0.0011288697747977184
    q_1_5 abs_neg_1 -0.0064718823419180832
    q_1_6 switch_on_le_1_4 1
    q_1_6 switch_on_ge_1_4 1
    q_1_6 switch_off_le_1_4 1
    q_1_6 switch_off_ge_1_4 1
    q_1_6 switch_on_le_0_0 0.025678187852394934
    q_1_6 switch_on_le_0_1 0.29106308552280541
    q_1_6 switch_on_le_0_2 -0.44905796843238505
    q_1_6 switch_on_le_0_3 0.2305616937108825
    q_1_6 switch_on_le_0_4 0.21582821905896576
    q_1_6 switch_on_le_0_5 0.30481922852333043
    q_1_6 switch_on_le_0_6 0.17904103610618613
    q_1_6 switch_on_le_0_7 -0.49812074188798194
    q_1_6 switch_on_le_0_8 0.37241673976385914
    q_1_6 switch_on_ge_0_0 0.025678187852394934
    q_1_6 switch_on_ge_0_1 0.29106308552280541
    q_1_6 switch_on_ge_0_2 -0.44905796843238505
    q_1_6 switch_on_ge_0_3 0.2305616937108825
    q_1_6 switch_on_ge_0_4 0.21582821905896576
    q_1_6 switch_on_ge_0_5 0.30481922852333043
    q_1_6 switch_on_ge_0_6 0.17904103610618613
    q_1_6 switch_on_ge_0_7 -0.49812074188798194
    q_1_6 switch_on_ge_0_8 0.37241673976385914
    q_1_6 abs_pos_0 0.00057026001868800021
    q_1_6 abs_pos_1 0.0032693370197727826
    q_1_6 abs_neg_0 -0.00057026001868800021
    q_1_6 abs_neg_1 -0.0032693370197727826
    q_1_7 switch_on_le_1_5 1
    q_1_7 switch_on_ge_1_5 1
    q_1_7 switch_off_le_1_5 1
    q_1_7 switch_off_ge_1_5 1
    q_1_7 switch_on_le_0_0 0.063232516483285678
    q_1_7 switch_on_le_0_1 0.72518358354826229
    q_1_7 switch_on_le_0_2 -1.1154117646879596
    q_1_7 switch_on_le_0_3 0.5735833463057699
    q_1_7 switch_on_le_0_4 0.53583544648511761
    q_1_7 switch_on_le_0_5 0.75283996136465348
    q_1_7 switch_on_le_0_6 0.4456246503145615
    q_1_7 switch_on_le_0_7 -1.2430801485939789
    q_1_7 switch_on_le_0_8 0.92562847537343962
    q_1_7 switch_on_ge_0_0 0.063232516483285678
    q_1_7 switch_on_ge_0_1 0.72518358354826229
    q_1_7 switch_on_ge_0_2 -1.1154117646879596
    q_1_7 switch_on_ge_0_3 0.5735833463057699
    q_1_7 switch_on_ge_0_4 0.53583544648511761
    q_1_7 switch_on_ge_0_5 0.75283996136465348
    q_1_7 switch_on_ge_0_6 0.4456246503145615
    q_1_7 switch_on_ge_0_7 -1.2430801485939789
    q_1_7 switch_on_ge_0_8 0.92562847537343962
    q_1_7 abs_pos_0 0.0021703434189311159
    q_1_7 abs_pos_1 0.01244271709852037
    q_1_7 abs_neg_0 -0.0021703434189311159
    q_1_7 abs_neg_1 -0.01244271709852037
    q_1_9 switch_on_le_1_6 1
    q_1_9 switch_on_ge_1_6 1
    q_1_9 switch_off_le_1_6 1
    q_1_9 switch_off_ge_1_6 1
    q_1_9 switch_on_le_0_0 0.034785952317384246
    q_1_9 switch_on_le_0_1 0.39657409311474134
    q_1_9 switch_on_le_0_2 -0.61686569172700312
    q_1_9 switch_on_le_0_3 0.31511256006208815
    q_1_9 switch_on_le_0_4 0.29551146109682697
    q_1_9 switch_on_le_0_5 0.41309869146649719
    q_1_9 switch_on_le_0_6 0.24648603393844634
    q_1_9 switch_on_le_0_7 -0.69897640219796553
    q_1_9 switch_on_le_0_8 0.50841274974952977
    q_1_9 switch_on_ge_0_0 0.034785952317384246
    q_1_9 switch_on_ge_0_1 0.39657409311474134
    q_1_9 switch_on_ge_0_2 -0.61686569172700312
    q_1_9 switch_on_ge_0_3 0.31511256006208815
    q_1_9 switch_on_ge_0_4 0.29551146109682697
    q_1_9 switch_on_ge_0_5 0.41309869146649719
    q_1_9 switch_on_ge_0_6 0.24648603393844634
    q_1_9 switch_on_ge_0_7 -0.69897640219796553
    q_1_9 switch_on_ge_0_8 0.50841274974952977
    q_1_9 abs_pos_0 -0.00046495824911031892
    q_1_9 abs_pos_1 -0.0026656352657554601
    q_1_9 abs_neg_0 0.00046495824911031892
    q_1_9 abs_neg_1 0.0026656352657554601
    q_1_13 switch_on_le_1_7 1
    q_1_13 switch_on_ge_1_7 1
    q_1_13 switch_off_le_1_7 1
    q_1_13 switch_off_ge_1_7 1
    q_1_13 switch_on_le_0_0 -0.035978823126690977
    q_1_13 switch_on_le_0_1 -0.37901259911934937
    q_1_13 switch_on_le_0_2 0.58275958917619319
    q_1_13 switch_on_le_0_3 -0.3001853863137261
    q_1_13 switch_on_le_0_4 -0.28059499651390296
    q_1_13 switch_on_le_0_5 -0.40345180385099155
    q_1_13 switch_on_le_0_6 -0.23368588006884092
    q_1_13 switch_on_le_0_7 0.64881263562349545
    q_1_13 switch_on_le_0_8 -0.48472388021228002
    q_1_13 switch_on_ge_0_0 -0.035978823126690977
    q_1_13 switch_on_ge_0_1 -0.37901259911934937
    q_1_13 switch_on_ge_0_2 0.58275958917619319
    q_1_13 switch_on_ge_0_3 -0.3001853863137261
    q_1_13 switch_on_ge_0_4 -0.28059499651390296
    q_1_13 switch_on_ge_0_5 -0.40345180385099155
    q_1_13 switch_on_ge_0_6 -0.23368588006884092
    q_1_13 switch_on_ge_0_7 0.64881263562349545
    q_1_13 switch_on_ge_0_8 -0.48472388021228002
    q_1_13 abs_pos_0 -0.0012158801353016717
    q_1_13 abs_pos_1 -0.0069707182823261502
    q_1_13 abs_neg_0 0.0012158801353016717
    q_1_13 abs_neg_1 0.0069707182823261502
    q_1_14 switch_on_le_1_8 1
    q_1_14 switch_on_ge_1_8 1
    q_1_14 switch_off_le_1_8 1
    q_1_14 switch_off_ge_1_8 1
    q_1_14 switch_on_le_0_0 -0.056930798294981308
    q_1_14 switch_on_le_0_1 -0.6451602166676943
    q_1_14 switch_on_le_0_2 0.9929454595688656
    q_1_14 switch_on_le_0_3 -0.51043768746282192
    q_1_14 switch_on_le_0_4 -0.47700520785036188
    q_1_14 switch_on_le_0_5 -0.66955091198978511
    q_1_14 switch_on_le_0_6 -0.39612647560538333
    q_1_14 switch_on_le_0_7 1.0985923413417635
    q_1_14 switch_on_le_0_8 -0.82420063141245004
    q_1_14 switch_on_ge_0_0 -0.056930798294981308
    q_1_14 switch_on_ge_0_1 -0.6451602166676943
    q_1_14 switch_on_ge_0_2 0.9929454595688656
    q_1_14 switch_on_ge_0_3 -0.51043768746282192
    q_1_14 switch_on_ge_0_4 -0.47700520785036188
    q_1_14 switch_on_ge_0_5 -0.66955091198978511
    q_1_14 switch_on_ge_0_6 -0.39612647560538333
    q_1_14 switch_on_ge_0_7 1.0985923413417635
    q_1_14 switch_on_ge_0_8 -0.82420063141245004
    q_1_14 abs_pos_0 -0.0020949765927438264
    q_1_14 abs_pos_1 -0.012010634282187254
    q_1_14 abs_neg_0 0.0020949765927438264
    q_1_14 abs_neg_1 0.012010634282187254
    q_0_2 switch_on_le_0_0 1
    q_0_2 switch_on_ge_0_0 1
    q_0_2 switch_off_le_0_0 1
    q_0_2 switch_off_ge_0_0 1
    q_0_2 abs_pos_0 0.12490366075707757
    q_0_2 abs_pos_1 -0.072461841394907578
    q_0_2 abs_neg_0 -0.12490366075707757
    q_0_2 abs_neg_1 0.072461841394907578
    q_0_4 switch_on_le_0_1 1
    q_0_4 switch_on_ge_0_1 1
    q_0_4 switch_off_le_0_1 1
    q_0_4 switch_off_ge_0_1 1
    q_0_4 abs_pos_0 -1.564047116643156
    q_0_4 abs_pos_1 -0.44172718325584404
    q_0_4 abs_neg_0 1.564047116643156
    q_0_4 abs_neg_1 0.44172718325584404
    q_0_5 switch_on_le_0_2 1
    q_0_5 switch_on_ge_0_2 1
    q_0_5 switch_off_le_0_2 1
    q_0_5 switch_off_ge_0_2 1
    q_0_5 abs_pos_0 -2.2754924357524691
    q_0_5 abs_pos_1 0.85882948940715353
    q_0_5 abs_neg_0 2.2754924357524691
    q_0_5 abs_neg_1 -0.85882948940715353
    q_0_8 switch_on_le_0_3 1
    q_0_8 switch_on_ge_0_3 1
    q_0_8 switch_off_le_0_3 1
    q_0_8 switch_off_ge_0_3 1
    q_0_8 abs_pos_0 1.281557863187992
    q_0_8 abs_pos_1 -0.16609524157222391
    q_0_8 abs_neg_0 -1.281557863187992
    q_0_8 abs_neg_1 0.16609524157222391
    q_0_10 switch_on_le_0_4 1
    q_0_10 switch_on_ge_0_4 1
    q_0_10 switch_off_le_0_4 1
    q_0_10 switch_off_ge_0_4 1
    q_0_10 abs_pos_0 1.0708979530801097
    q_0_10 abs_pos_1 -0.58077986299985174
    q_0_10 abs_neg_0 -1.0708979530801097
    q_0_10 abs_neg_1 0.58077986299985174
    q_0_11 switch_on_le_0_5 1
    q_0_11 switch_on_ge_0_5 1
    q_0_11 switch_off_le_0_5 1
    q_0_11 switch_off_ge_0_5 1
    q_0_11 abs_pos_0 -1.3965468663259544
    q_0_11 abs_pos_1 -0.98976515585971425
    q_0_11 abs_neg_0 1.3965468663259544
    q_0_11 abs_neg_1 0.98976515585971425
    q_0_12 switch_on_le_0_6 1
    q_0_12 switch_on_ge_0_6 1
    q_0_12 switch_off_le_0_6 1
    q_0_12 switch_off_ge_0_6 1
    q_0_12 abs_pos_0 -0.82615492399233836
    q_0_12 abs_pos_1 -0.58562816467836409
    q_0_12 abs_neg_0 0.82615492399233836
    q_0_12 abs_neg_1 0.58562816467836409
    q_0_13 switch_on_le_0_7 1
    q_0_13 switch_on_ge_0_7 1
    q_0_13 switch_off_le_0_7 1
    q_0_13 switch_off_ge_0_7 1
    q_0_13 abs_pos_0 -2.7427318216336807
    q_0_13 abs_pos_1 -0.754680050734165
    q_0_13 abs_neg_0 2.7427318216336807
    q_0_13 abs_neg_1 0.754680050734165
    q_0_15 switch_on_le_0_8 1
    q_0_15 switch_on_ge_0_8 1
    q_0_15 switch_off_le_0_8 1
    q_0_15 switch_off_ge_0_8 1
    q_0_15 abs_pos_0 2.0656752580549349
    q_0_15 abs_pos_1 -0.27996873947221984
    q_0_15 abs_neg_0 -2.0656752580549349
    q_0_15 abs_neg_1 0.27996873947221984
    t_0 obj 1
    t_0 abs_pos_0 1
    t_0 abs_neg_0 1
    t_1 obj 1
    t_1 abs_pos_1 1
    t_1 abs_neg_1 1
    MARKER 'MARKER' 'INTORG'
    sigma_0 abs_pos_0 311.7097869431816
    sigma_0 abs_neg_0 -86.976990328929944
    sigma_1 abs_pos_1 31.418468777102227
    sigma_1 abs_neg_1 -100.93232865073405
    MARKER 'MARKER' 'INTEND'
RHS
    rhs relu_ge_0_0 0.00058685170372389285
    rhs relu_ge_0_1 -0.8241158060819529
    rhs relu_ge_0_2 -1.1546254316221272
    rhs relu_ge_0_3 0.33587970022279212
    rhs relu_ge_0_4 0.01108695036435968
    rhs relu_ge_0_5 -0.93141442324844248
    rhs relu_ge_0_6 -0.55045352870935504
    rhs relu_ge_0_7 -2.0951119746435256
    rhs relu_ge_0_8 0.53465115009364239
    rhs relu_off_0_0 0.32226916290906277
    rhs relu_off_0_1 2.0057742998989996
    rhs relu_off_0_2 3.993151414566777
    rhs relu_off_0_3 2.7292109679482079
    rhs relu_off_0_4 2.7225757691600712
    rhs relu_off_0_5 2.3863120221856686
    rhs relu_off_0_6 1.4117830886707026
    rhs relu_off_0_7 3.4974118723678456
    rhs relu_off_0_8 4.4113192555820895
    rhs relu_ge_1_0 0.40195195942029416
    rhs relu_ge_1_1 0.92353662893073407
    rhs relu_ge_1_2 0.20451727181620633
    rhs relu_ge_1_3 0.45331186865603901
    rhs relu_ge_1_4 0.35855923074352986
    rhs relu_ge_1_5 0.88834411221598952
    rhs relu_ge_1_6 0.45654030743353952
    rhs relu_ge_1_7 0.27248170306444863
    rhs relu_ge_1_8 0.51297237855036104
    rhs relu_off_1_0 3.4090975470063971
    rhs relu_off_1_1 7.7053403012098709
    rhs relu_off_1_2 7.3390353291719208
    rhs relu_off_1_3 3.7929637435930377
    rhs relu_off_1_4 2.9823544675843929
    rhs relu_off_1_5 7.4141603566129453
    rhs relu_off_1_6 4.0575533119123257
    rhs relu_off_1_7 3.7990875021930517
    rhs relu_off_1_8 6.4645334276493882
    rhs switch_on_le_0_0 -6.9524464310632972e-18
    rhs switch_on_le_0_1 -6.5388233022600772e-16
    rhs switch_on_le_0_2 18.96888467646151
    rhs switch_on_le_0_3 -2.5814853726879861e-16
    rhs switch_on_le_0_4 -6.8629997518332431e-17
    rhs switch_on_le_0_5 1.0842021724855044e-19
    rhs switch_on_le_0_6 5.4210108624275222e-20
    rhs switch_on_le_0_7 21.080898873103955
    rhs switch_on_ge_0_0 -1.0933825553020839
    rhs switch_on_ge_0_1 -12.329294069194523
    rhs switch_on_ge_0_3 -9.7485477628531338
    rhs switch_on_ge_0_4 -9.1107602331681186
    rhs switch_on_ge_0_5 -12.818863943238769
    rhs switch_on_ge_0_6 -7.583368301091288
    rhs switch_on_ge_0_8 -15.738708062881077
    rhs abs_pos_0 311.70980270465554
    rhs abs_pos_1 31.418559138636574
    rhs abs_neg_0 -1.5761473948490165e-05
    rhs abs_neg_1 -9.0361534348028645e-05
BOUNDS
 LO bnd x_0 -1
 UP bnd x_0 2
 LO bnd x_1 -1
 UP bnd x_1 2
 LO bnd h_0_2 0
 UP bnd h_0_2 0.27041419525061661
 LO bnd h_0_4 0
 UP bnd h_0_4 3.1874327937160469
 LO bnd h_0_5 0
 UP bnd h_0_5 4.2551889292899645
 LO bnd h_0_8 0
 UP bnd h_0_8 1.9496280465552323
 LO bnd h_0_10 0
 UP bnd h_0_10 2.2435446294441732
 LO bnd h_0_11 0
 UP bnd h_0_11 3.8412096211228945
 LO bnd h_0_12 0
 UP bnd h_0_12 2.2731126486320501
 LO bnd h_0_13 0
 UP bnd h_0_13 4.899711770092166
 LO bnd h_0_15 0
 UP bnd h_0_15 3.1602638870930169
 LO bnd a_0_2 0
 UP bnd a_0_2 1
 LO bnd a_0_4 0
 UP bnd a_0_4 1
 LO bnd a_0_5 0
 UP bnd a_0_5 1
 LO bnd a_0_8 0
 UP bnd a_0_8 1
 LO bnd a_0_10 0
 UP bnd a_0_10 1
 LO bnd a_0_11 0
 UP bnd a_0_11 1
 LO bnd a_0_12 0
 UP bnd a_0_12 1
 LO bnd a_0_13 0
 UP bnd a_0_13 1
 LO bnd a_0_15 0
 UP bnd a_0_15 1
 LO bnd h_1_0 0
 UP bnd h_1_0 3.7583350900980896
 LO bnd h_1_1 0
 UP bnd h_1_1 8.4834632384117654
 LO bnd h_1_4 0
 UP bnd h_1_4 7.7137647120465722
 LO bnd h_1_5 0
 UP bnd h_1_5 4.1760625814993562
 LO bnd h_1_6 0
 UP bnd h_1_6 3.2852788069071326
 LO bnd h_1_7 0
 UP bnd h_1_7 8.1822650226934286
 LO bnd h_1_9 0
 UP bnd h_1_9 4.539509336012693
 LO bnd h_1_13 0
 UP bnd h_1_13 4.1707516577316941
 LO bnd h_1_14 0
 UP bnd h_1_14 7.1134592495182662
 LO bnd a_1_0 0
 UP bnd a_1_0 1
 LO bnd a_1_1 0
 UP bnd a_1_1 1
 LO bnd a_1_4 0
 UP bnd a_1_4 1
 LO bnd a_1_5 0
 UP bnd a_1_5 1
 LO bnd a_1_6 0
 UP bnd a_1_6 1
 LO bnd a_1_7 0
 UP bnd a_1_7 1
 LO bnd a_1_9 0
 UP bnd a_1_9 1
 LO bnd a_1_13 0
 UP bnd a_1_13 1
 LO bnd a_1_14 0
 UP bnd a_1_14 1
 LO bnd q_1_0 -1.532547839955761
 UP bnd q_1_0 0
 LO bnd q_1_1 -3.4584516871264315
 UP bnd q_1_1 0
 LO bnd q_1_4 0
 UP bnd q_1_4 3.3630948827736242
 LO bnd q_1_5 -1.7033574715896551
 UP bnd q_1_5 0
 LO bnd q_1_6 -1.3384989637960771
 UP bnd q_1_6 0
 LO bnd q_1_7 -3.3305007299161575
 UP bnd q_1_7 0
 LO bnd q_1_9 -1.8459061843558602
 UP bnd q_1_9 0
 LO bnd q_1_13 0
 UP bnd q_1_13 1.7406986289929929
 LO bnd q_1_14 0
 UP bnd q_1_14 2.9584545991911027
 LO bnd q_0_2 0
 UP bnd q_0_2 1.0934513117726934
 LO bnd q_0_4 0
 UP bnd q_0_4 12.330043489664343
 LO bnd q_0_5 -18.97004900536912
 UP bnd q_0_5 0
 LO bnd q_0_8 0
 UP bnd q_0_8 9.7491463697319993
 LO bnd q_0_10 0
 UP bnd q_0_10 9.1113178479801249
 LO bnd q_0_11 0
 UP bnd q_0_11 12.819646472017196
 LO bnd q_0_12 0
 UP bnd q_0_12 7.583830151120809
 LO bnd q_0_13 -21.082173288348677
 UP bnd q_0_13 0
 LO bnd q_0_15 0
 UP bnd q_0_15 15.739671737859958
 LO bnd t_0 0
 UP bnd t_0 155.8548934715908
 LO bnd t_1 0
 UP bnd t_1 50.466164325367025
 LO bnd sigma_0 0
 UP bnd sigma_0 1
 LO bnd sigma_1 0
 UP bnd sigma_1 1
ENDATA
